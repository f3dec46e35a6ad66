/* write_text.c — labels and number formats shared by the CSV and Markdown
 * writers (see write_text.h). */
#include "write_text.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

const char *const cu_industry_zh[CURTAIL_NINDUSTRIES] = {"焦化", "化工", "锅炉", "其他"};
const char *const cu_industry_en[CURTAIL_NINDUSTRIES] = {"coking", "chemical", "boiler",
                                                         "other"};
const char *const cu_grade_zh[CURTAIL_NGRADES] = {"A级",    "B级",      "B-级",  "C级",
                                                  "D级",    "引领性",   "非引领性", "未分级"};
const char *const cu_grade_en[CURTAIL_NGRADES] = {"A", "B",       "B-",          "C",
                                                  "D", "leading", "non-leading", "ungraded"};
const char *const cu_level_zh[CU_NL] = {"黄色", "橙色", "红色"};
const char *const cu_level_en[CU_NL] = {"Yellow", "Orange", "Red"};
const char *const cu_pollutant_zh[CU_NP] = {"SO2", "NOx", "颗粒物", "VOCs"};

void cu_put_fixed(cu_buf *b, double v, int decimals)
{
    char tmp[400];
    const char *p;
    if (!isfinite(v))
        v = 0.0;
    snprintf(tmp, sizeof tmp, "%.*f", decimals, v);
    for (p = tmp[0] == '-' ? tmp + 1 : tmp; *p == '0' || *p == '.'; p++)
        ;
    cu_buf_puts(b, (tmp[0] == '-' && *p == '\0') ? tmp + 1 : tmp);
}

void cu_put_trimmed(cu_buf *b, double v, int decimals)
{
    char tmp[400];
    size_t n;
    const char *p;
    if (!isfinite(v))
        v = 0.0;
    snprintf(tmp, sizeof tmp, "%.*f", decimals, v);
    n = strlen(tmp);
    if (strchr(tmp, '.')) {
        while (n > 0 && tmp[n - 1] == '0')
            n--;
        if (n > 0 && tmp[n - 1] == '.')
            n--;
        tmp[n] = '\0';
    }
    p = tmp;
    if (strcmp(tmp, "-0") == 0)
        p = "0";
    cu_buf_puts(b, p);
}

void cu_grade_label(const curtail_result *r, size_t u, int en, char *buf, size_t n)
{
    const cu_enterprise *e = &r->s->ents[r->s->units[u].enterprise];
    int eff = cu_effective_grade(r->s, u);
    const char *const *names = en ? cu_grade_en : cu_grade_zh;
    if (eff == e->grade || eff < 0 || eff >= CURTAIL_NGRADES)
        snprintf(buf, n, "%s", names[e->grade]);
    else if (en)
        snprintf(buf, n, "%s (managed as %s)", names[e->grade], names[eff]);
    else
        snprintf(buf, n, "%s（按%s管控）", names[e->grade], names[eff]);
}

int cu_write_lang(const curtail_result *r, const curtail_write_options *o)
{
    return o->lang == CURTAIL_LANG_DEFAULT ? r->s->lang : (int)o->lang;
}

int cu_hour_in_window(const curtail_result *r, size_t t)
{
    return cu_episode_in_window(&r->s->episode, r->start + 60 * (int64_t)t,
                                curtail_result_hour_level(r, t));
}

void cu_format_clock(int minutes, char *buf, size_t n)
{
    snprintf(buf, n, "%02d:%02d", minutes / 60, minutes % 60);
}
