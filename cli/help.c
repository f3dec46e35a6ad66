/* SPDX-License-Identifier: GPL-3.0-or-later */
/* help.c — the CLI's help texts: `curtail --help`, `curtail COMMAND --help`
 * and the one usage line under a usage error. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

const char usage_line[] =
    "Usage: curtail validate|plan|schedule|sweep|explain|export|policy [FILE] [OPTIONS] (see curtail --help)\n";

static const char help_text[] =
    "Usage: curtail COMMAND [ARGS]\n"
    "\n"
    "Heavy-pollution weather emergency reduction lists (应急减排清单): each unit's\n"
    "load at the yellow, orange and red alert levels, or hour by hour over an\n"
    "episode, chosen by a linear program so that the reduction targets are met at\n"
    "the least economic loss.\n"
    "\n"
    "Commands:\n"
    "  validate FILE            check a scenario without solving it; warnings go to\n"
    "                           stderr, and \"FILE: ok (N enterprises, M units)\" to\n"
    "                           stdout when it is valid\n"
    "      --lang zh|en             language of the warnings (default: the scenario's)\n"
    "  plan FILE [OPTIONS]      solve the three-level plan and write it\n"
    "      --format json|csv|md|html|xlsx  output format; default: from the\n"
    "                               extension of -o (.json, .csv, .md, .html,\n"
    "                               .xlsx; another extension is a usage error),\n"
    "                               else json. html: a printable report with\n"
    "                               charts; xlsx: an Excel workbook: 汇总 (summary,\n"
    "                               counts, charts), 清单 (the list), 附录 (marginal\n"
    "                               costs, weighted objective), 提示 (warnings);\n"
    "                               with --public one sheet, 清单\n"
    "      -o, --output OUT         write to OUT, whole or not at all (default: stdout)\n"
    "      --lang zh|en             language of the list, measure texts and warnings\n"
    "                               (default: the scenario's lang)\n"
    "      --bom                    start CSV output with a UTF-8 byte order mark (Excel)\n"
    "      --public                 the public version (公示版): names, town, grade,\n"
    "                               measures and loads; no emissions, reductions,\n"
    "                               money or reasons (default: the filed version, 报备版)\n"
    "      --time-limit SECONDS     give up (exit 4) when the solve takes longer\n";
/* listed only when the build has Clp */
static const char help_solver[] =
    "      --solver glpk|clp        the LP engine: GLPK (default) or COIN-OR Clp\n";
static const char help_text2[] =
    "  schedule FILE [OPTIONS]  render the plan's list over the scenario's episode (its\n"
    "                           `episode:` section) hour by hour: ozone window, shifted\n"
    "                           output, coke-oven ramps; exit 2 when the scenario has\n"
    "                           none (plan ignores the episode)\n"
    "      --format json|csv|md|html|xlsx\n"
    "                               json: the keys of plan with \"start\" and \"hours\",\n"
    "                               targets per segment (day and level, kg over its\n"
    "                               hours), the list and each unit's load in every hour;\n"
    "                               csv: one row per hour and unit (level, load %, what\n"
    "                               the hour requires, output and emissions); md: a\n"
    "                               summary per segment and each unit's load by runs;\n"
    "                               html: a report with hourly charts; xlsx: 分段汇总\n"
    "                               (per day and level), 清单, 逐时排放 (hourly\n"
    "                               emissions, chart), 逐时负荷 (hourly loads), 提示\n"
    "      -o, --output OUT, --lang zh|en, --bom, --time-limit SECONDS\n";
/* listed only when the build has Clp */
static const char help_solver2[] = "      --solver glpk|clp\n";
static const char help_text3[] =
    "                               as for plan (they apply to the plan behind it)\n"
    "  explain FILE [OPTIONS]   solve the plan and explain it (Markdown, or JSON)\n"
    "      --enterprise ID          that enterprise's 一厂一策 sheet: overview, contact,\n"
    "                               units, each level's measures, cuts and reasons\n"
    "      --level yellow|orange|red  that level's account: targets, shadow prices, the\n"
    "                               units cut beyond their rules and why (with\n"
    "                               --enterprise: the sheet at that level only)\n"
    "                               neither: the enterprises and their ids\n"
    "      --format md|json, -o OUT, --lang zh|en, --time-limit  as for plan\n";
/* listed only when the build has Clp */
static const char help_solver3[] = "      --solver glpk|clp        as for plan\n";
static const char help_text4[] =
    "  export FILE [OPTIONS]    write the plan LP for audit or other solvers\n"
    "      --level yellow|orange|red  that level's LP alone (default: all three jointly)\n"
    "      --format lp|mps            CPLEX LP or free MPS; default: from the extension\n"
    "                                 of -o (.lp, .mps), else lp\n"
    "      -o, --output MODEL         write to MODEL (default: stdout)\n"
    "  sweep FILE [OPTIONS]     the base, its variants and --set PATH=V1,V2|A:B:STEP\n"
    "                           overrides, one row per case and level (curtail sweep\n"
    "                           --help)\n"
    "  policy                   print the built-in rule table (YAML)\n"
    "  --help                   print this help (COMMAND --help: that command's)\n"
    "  --version                print the version and those of GLPK, libyaml and\n"
    "                           libxlsxwriter it runs with\n"
    "\n"
    "FILE - reads the scenario from standard input. Warnings and errors go to\n"
    "stderr, one per line: FILE:LINE:COL: warning: PATH: message, the message in\n"
    "the scenario's language (--lang overrides). validate, plan, schedule, explain,\n"
    "export and sweep also take:\n"
    "      -q, --quiet              no warnings, no progress line\n"
    "      --max-warnings N         print at most N warnings (default 20), then one\n"
    "                               line counting them by kind\n"
    "On a terminal, long loads and solves show a progress line on stderr.\n"
    "\n"
    "Exit status:\n"
    "  0  done, all targets met\n"
    "  1  usage error\n"
    "  2  invalid input\n"
    "  3  solved, but some targets cannot be met (output still written)\n"
    "  4  solver or internal failure\n"
    "  5  input/output failure\n";


/* `curtail COMMAND --help`: the command's usage, options and an example. */
static const struct {
    const char *name;
    const char *text;
} command_help[] = {
    {"validate", "Usage: curtail validate FILE [--lang zh|en]\n"
                 "\n"
                 "Check a scenario without solving it. Warnings go to stderr as\n"
                 "FILE:LINE:COL: warning: PATH: message, in the scenario's language\n"
                 "(--lang zh|en overrides); \"FILE: ok (N enterprises, M units)\" to stdout\n"
                 "when it is valid (exit 0), else the error as FILE:LINE:COL: error: PATH:\n"
                 "message (exit 2).\n"
                 "\n"
                 "Example:\n"
                 "  curtail validate examples/xiangyuan.yaml\n"},
    {"plan", "Usage: curtail plan FILE [OPTIONS]\n"
             "\n"
             "Solve the three-level plan (yellow, orange, red) and write the list.\n"
             "\n"
             "Options:\n"
             "  --format json|csv|md|html|xlsx  default: from the extension of -o, else json\n"
             "  -o, --output OUT          write to OUT, whole or not at all (default: stdout)\n"
             "  --lang zh|en              language of the list (default: the scenario's)\n"
             "  --bom                     CSV: start with a UTF-8 byte order mark (Excel)\n"
             "  --public                  the public version (公示版): names, town, grade,\n"
             "                            measures and loads; no emissions, reductions, money\n"
             "                            or reasons (default: the filed version, 报备版)\n"
             "  --time-limit SECONDS      give up (exit 4) when the solve takes longer\n"
             "  --solver glpk|clp         the LP engine (clp where built with it)\n"
             "\n"
             "Examples:\n"
             "  curtail plan examples/xiangyuan.yaml -o xiangyuan.xlsx\n"
             "  curtail plan examples/xiangyuan.yaml --format html --lang en -o report.html\n"
             "  curtail plan examples/xiangyuan.yaml --public -o 公示版.xlsx\n"
             "\n"
             "Exit status: 0 all targets met, 3 solved but targets unmet (output written),\n"
             "1 usage, 2 invalid input, 4 solver failure, 5 I/O failure.\n"},
    {"schedule", "Usage: curtail schedule FILE [OPTIONS]\n"
                 "\n"
                 "Render the plan's list hour by hour over the scenario's `episode:` (ozone\n"
                 "window, shifted output, coke-oven ramps). Exit 2 when it has none.\n"
                 "\n"
                 "Options: as for plan (--format json|csv|md|html|xlsx, -o, --lang, --bom,\n"
                 "--time-limit, --solver); they apply to the plan behind it.\n"
                 "\n"
                 "Examples:\n"
                 "  curtail schedule examples/xiangyuan-winter.yaml -o episode.html\n"
                 "  curtail schedule examples/xiangyuan-summer.yaml --format csv --bom -o hours.csv\n"},
    {"explain", "Usage: curtail explain FILE [--enterprise ID] [--level L] [OPTIONS]\n"
                "\n"
                "Solve the plan, then explain it in the scenario's language:\n"
                "  --enterprise ID   that enterprise's 一厂一策 sheet (ID: its `id` in the YAML):\n"
                "                    name, credit code, town, address, industry and GB/T 4754\n"
                "                    code, grade (effective, with why), guarantee, contact,\n"
                "                    trucks; its units (capacity, base load, baseline\n"
                "                    emissions); per level each unit's measure text, load,\n"
                "                    cuts and 依据, and the 运输措施\n"
                "  --level L         yellow|orange|red: that level's account (lost value in\n"
                "                    万元/日, targets on both bases, shortfalls, marginal costs\n"
                "                    in grade-weighted yuan/kg, credits, combined targets,\n"
                "                    mobile reductions, the units cut beyond their rules and\n"
                "                    why); with\n"
                "                    --enterprise: the sheet at that level only\n"
                "  neither           the enterprises with their ids, to choose from\n"
                "\n"
                "Options: --format md|json (default: from -o's extension .md or .json, else\n"
                "md), -o OUT (whole or not at all), --lang zh|en, --time-limit, --solver, -q.\n"
                "\n"
                "Examples:\n"
                "  curtail explain examples/xiangyuan.yaml\n"
                "  curtail explain examples/xiangyuan.yaml --enterprise jia -o jia.md\n"
                "  curtail explain examples/xiangyuan.yaml --level red --lang en\n"
                "\n"
                "Exit status as for plan: 0, 3 when targets are unmet (output written), 1 usage\n"
                "(an unknown enterprise id among them), 2 invalid input, 4 solver, 5 I/O.\n"},
    {"export", "Usage: curtail export FILE [OPTIONS]\n"
               "\n"
               "Write the plan LP for audit or other solvers.\n"
               "\n"
               "Options:\n"
               "  --level yellow|orange|red  that level's LP alone (default: all three jointly)\n"
               "  --format lp|mps            default: from the extension of -o, else lp\n"
               "  -o, --output MODEL         write to MODEL (default: stdout)\n"
               "\n"
               "Example:\n"
               "  curtail export examples/xiangyuan.yaml -o xiangyuan.lp && glpsol --lp xiangyuan.lp\n"},
    {"sweep", "Usage: curtail sweep FILE [OPTIONS]\n"
              "\n"
              "Solve the scenario (the base), each of its `variants:` and every combination of\n"
              "the --set values, from one parse; one row per case and level: status, objective,\n"
              "lost value, weighted loss, per pollutant required / achieved / shortfall /\n"
              "marginal cost (yuan per kg/d), and the enterprises whose loads differ from the\n"
              "base's. A case that is invalid or fails is one row with its status and message;\n"
              "the others go on.\n"
              "\n"
              "Options:\n"
              "  --set PATH=V1,V2,...     sweep an override over values (repeatable: cartesian\n"
              "  --set PATH=A:B:STEP      product, the first --set varying slowest)\n"
              "  --curve PATH             the cost curve of one swept targets.ratios.LEVEL.P\n"
              "  --no-variants            the base alone (with the --set values)\n"
              "  -j N                     solve on N threads (output bytes do not depend on N)\n"
              "  --shard I/N              only slice I of N (0-based); shards' outputs\n"
              "                           concatenated in order are the whole table\n"
              "  --format csv|md|jsonl|xlsx|html\n"
              "                           default: from the extension of -o (.csv, .md, .jsonl,\n"
              "                           .xlsx, .html; another is an error), csv without -o;\n"
              "                           xlsx: a comparison sheet (and with --curve a 成本曲线\n"
              "                           sheet with line charts); html: one self-contained page\n"
              "                           with the table (and with --curve SVG charts of the\n"
              "                           cost curve)\n"
              "  --lang zh|en             wording of xlsx, html and the warnings (default: the\n"
              "                           scenario's)\n"
              "  -o, --output OUT         write to OUT, whole or not at all (default: stdout)\n"
              "  --cold                   solve every case from scratch (no warm start)\n"
              "  --time-limit SECONDS     per solve\n"
              "  --solver glpk|clp        the LP engine (clp where built with it)\n"
              "  -q, --quiet              no warnings\n"
              "  --max-warnings N         print at most N warnings (default 20), then one line\n"
              "                           counting them by kind\n"
              "\n"
              "PATH: targets.ratios.LEVEL.POLLUTANT, targets.totals_kgpd.P, targets.base,\n"
              "targets.credits_kgpd.LEVEL.POLLUTANT (kg/d), targets.combined[I].ratio,\n"
              "season (heating|ozone|other), episode.season, transport_factors.CLASS.POLLUTANT,\n"
              "extra.grades, extra.weights.GRADE, policy+, enterprise.ID.FIELD (also\n"
              "trucks_per_day.CLASS, gate_monitoring, zones=[TAG,...]), enterprise.ID-,\n"
              "unit.ENT.UNIT.FIELD (also boiler.ultra_low), unit.ENT.UNIT-, name, lang,\n"
              "builtin_policy.\n"
              "\n"
              "Examples:\n"
              "  curtail sweep examples/sweep.yaml --format md\n"
              "  curtail sweep examples/sweep.yaml --no-variants \\\n"
              "      --set targets.ratios.orange.NOx=0.20:0.40:0.05 --curve targets.ratios.orange.NOx\n"
              "  curtail sweep examples/sweep.yaml --set targets.ratios.orange.NOx=0.20:0.40:0.05 \\\n"
              "      --curve targets.ratios.orange.NOx -o curve.html\n"
              "  sbatch --array=0-9 --wrap 'curtail sweep city.yaml --set ... \\\n"
              "      --shard $SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT -o part-$SLURM_ARRAY_TASK_ID.csv'\n"
              "\n"
              "Exit status: the worst case decides: 0 all optimal, 3 some targets unmet,\n"
              "2 some case invalid, 4 some case failed (the table is written in every\n"
              "case); 1 usage, 2 invalid FILE or --set (nothing written), 5 I/O failure.\n"},
    {"policy", "Usage: curtail policy\n"
               "\n"
               "Print the built-in rule table (YAML), the measures each grade takes at each\n"
               "level.\n"
               "\n"
               "Example:\n"
               "  curtail policy > policy.yaml\n"},
};

int print_command_help(const char *name)
{
    size_t i;
    for (i = 0; i < sizeof command_help / sizeof command_help[0]; i++)
        if (strcmp(command_help[i].name, name) == 0) {
            fputs(command_help[i].text, stdout);
            break;
        }
    return cli_flush_stdout();
}

void print_help(void)
{
    fputs(help_text, stdout);
    if (curtail_solver_available(CURTAIL_SOLVER_CLP))
        fputs(help_solver, stdout);
    fputs(help_text2, stdout);
    if (curtail_solver_available(CURTAIL_SOLVER_CLP))
        fputs(help_solver2, stdout);
    fputs(help_text3, stdout);
    if (curtail_solver_available(CURTAIL_SOLVER_CLP))
        fputs(help_solver3, stdout);
    fputs(help_text4, stdout);
}
