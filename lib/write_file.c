/* SPDX-License-Identifier: GPL-3.0-or-later */
/* write_file.c — curtail_result_write_file / _stream: the options checked,
 * the format's writer chosen, its bytes streamed into an output (output.c)
 * that is committed whole or not at all (SPEC §8). */
#define _POSIX_C_SOURCE 200809L
#include "write.h"

#include <stdio.h>
#include <string.h>

/* Options checked and the language resolved: *o. */
static int check_options(const curtail_result *r, const curtail_write_options *opts,
                         curtail_write_options *o, curtail_error *err)
{
    curtail_write_options d = CURTAIL_WRITE_OPTIONS_INIT;
    *o = d;
    if (!r)
        return cu_einval(err, "result is NULL");
    if (opts) {
        if (cu_check_version(opts->version, CURTAIL_WRITE_OPTIONS_VERSION, "curtail_write_options",
                             err) != CURTAIL_OK)
            return CURTAIL_EINVAL;
        o->format = opts->format;
        o->lang = opts->lang;
        o->bom = opts->bom;
        if (opts->version >= 2) {
            o->on_temp = opts->on_temp;
            o->on_temp_ctx = opts->on_temp_ctx;
        }
        if (opts->version >= 3)
            o->public_version = opts->public_version ? 1 : 0;
    }
    if ((int)o->lang < CURTAIL_LANG_DEFAULT || (int)o->lang > CURTAIL_LANG_EN)
        return cu_einval(err, "unknown output language %d", (int)o->lang);
    if (o->format != CURTAIL_FORMAT_JSON && o->format != CURTAIL_FORMAT_CSV &&
        o->format != CURTAIL_FORMAT_MD && o->format != CURTAIL_FORMAT_XLSX &&
        o->format != CURTAIL_FORMAT_HTML)
        return cu_einval(err, "unknown output format %d", (int)o->format);
    return CURTAIL_OK;
}

/* The output rendered into out, which streams to its sink. */
static int render(const curtail_result *r, const curtail_write_options *o, cu_buf *out,
                  curtail_error *err)
{
    int rc;
    if (o->public_version) {
        rc = cu_write_public(r, o, out); /* the 公示版: a writer of its own (write_public.c) */
    } else {
        switch (o->format) {
        case CURTAIL_FORMAT_JSON:
            rc = cu_write_json(r, o, out);
            break;
        case CURTAIL_FORMAT_CSV:
            rc = cu_write_csv(r, o, out);
            break;
        case CURTAIL_FORMAT_HTML:
            rc = cu_write_html(r, o, out);
            break;
        default:
            rc = cu_write_md(r, o, out);
            break;
        }
    }
    if (rc == CURTAIL_OK && out->failed)
        rc = CURTAIL_ENOMEM;
    if (rc == CURTAIL_ENOMEM && !out->sink_err)
        cu_enomem(err);
    else if (rc != CURTAIL_OK && rc != CURTAIL_ENOMEM)
        cu_einval(err, "the result cannot be read back (code %d)", rc);
    return out->sink_err ? CURTAIL_OK : rc; /* a sink's error: cu_output_finish says it */
}

static int write_to(const curtail_result *r, const curtail_write_options *opts,
                    const char *path, FILE *fp, curtail_error *err)
{
    curtail_write_options o;
    cu_output out;
    cu_buf b;
    int rc = check_options(r, opts, &o, err);
    if (rc != CURTAIL_OK)
        return rc;
    rc = cu_output_open(&out, path, fp, o.on_temp, o.on_temp_ctx, err);
    if (rc != CURTAIL_OK)
        return rc;
    if (o.format == CURTAIL_FORMAT_XLSX) /* libxlsxwriter writes a file of its own */
        return cu_output_close(&out, cu_write_xlsx(r, &o, &out, err), err);
    cu_buf_init(&b, r->mem);
    cu_output_attach(&out, &b);
    rc = render(r, &o, &b, err);
    rc = cu_output_finish(&out, &b, rc, err);
    cu_buf_free(&b);
    return rc;
}

int curtail_result_write_file(const curtail_result *r, const curtail_write_options *opts,
                              const char *path, curtail_error *err)
{
    return write_to(r, opts, path, NULL, err);
}

int curtail_result_write_stream(const curtail_result *r, const curtail_write_options *opts,
                                FILE *fp, curtail_error *err)
{
    if (!fp)
        return cu_einval(err, "stream is NULL");
    return write_to(r, opts, NULL, fp, err);
}
