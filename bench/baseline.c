/*
 * The benchmark's baseline: reads the benchmark CSV and writes it with libxlsxwriter directly, in constant-memory
 * mode, with the same typing as tracksheet (integers and decimals as numbers, percentages as numbers with a percent
 * format, ISO and Chinese dates as dates, everything else as text). The practical speed limit of this library.
 *
 * Usage: baseline [--in-memory] IN.csv OUT.xlsx
 * --in-memory turns constant-memory mode off (shared strings, rows kept until close), as a writer that merges cells
 * across rows must run: the baseline for `tracksheet report`, whose ledger merges each issue's rows.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include <xlsxwriter.h>

static int parse_number(const char *s, double *out, int *percent) {
    size_t n = strlen(s);
    if (n == 0 || n > 15) return 0;
    if (s[0] == '0' && n > 1 && s[1] != '.') return 0;
    *percent = s[n - 1] == '%';
    size_t end = *percent ? n - 1 : n, i = 0, digits = 0, dots = 0;
    if (s[0] == '-') i = 1;
    for (; i < end; i++) {
        if (isdigit((unsigned char)s[i])) digits++;
        else if (s[i] == '.' && !dots) dots++;
        else return 0;
    }
    if (!digits) return 0;
    *out = strtod(s, NULL);
    if (*percent) *out /= 100;
    return 1;
}

static int parse_date(const char *s, lxw_datetime *dt) {
    int y, m, d, used = 0;
    if ((sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &used) == 3 && (size_t)used == strlen(s)) ||
        (sscanf(s, "%4d\xe5\xb9\xb4%d\xe6\x9c\x88%d\xe6\x97\xa5%n", &y, &m, &d, &used) == 3 && (size_t)used == strlen(s))) {
        if (m < 1 || m > 12 || d < 1 || d > 31) return 0;
        dt->year = y; dt->month = m; dt->day = d; dt->hour = 0; dt->min = 0; dt->sec = 0;
        return 1;
    }
    return 0;
}

int main(int argc, char **argv) {
    int in_memory = argc == 4 && strcmp(argv[1], "--in-memory") == 0;
    if (argc != 3 && !in_memory) { fprintf(stderr, "usage: baseline [--in-memory] IN.csv OUT.xlsx\n"); return 2; }
    const char *in_path = argv[argc - 2], *out_path = argv[argc - 1];
    FILE *in = fopen(in_path, "rb");
    if (!in) { perror(in_path); return 3; }
    lxw_workbook_options options = {.constant_memory = in_memory ? LXW_FALSE : LXW_TRUE, .tmpdir = NULL,
                                    .use_zip64 = LXW_TRUE};
    lxw_workbook *wb = workbook_new_opt(out_path, &options);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "bench");
    lxw_format *date = workbook_add_format(wb);
    format_set_num_format(date, "yyyy-mm-dd");
    lxw_format *pct = workbook_add_format(wb);
    format_set_num_format(pct, "0%");
    lxw_format *header = workbook_add_format(wb);
    format_set_bold(header);

    size_t cap = 1 << 16, len = 0;
    char *field = malloc(cap);
    int c, quoted = 0, row = 0, col = 0;
    for (;;) {
        c = fgetc(in);
        int end_field = 0, end_row = 0;
        if (c == EOF) { if (len == 0 && col == 0) break; end_field = end_row = 1; }
        else if (quoted) {
            if (c == '"') { int next = fgetc(in); if (next == '"') field[len++] = '"'; else { quoted = 0; ungetc(next, in); } }
            else field[len++] = (char)c;
        } else if (c == '"' && len == 0) quoted = 1;
        else if (c == ',') end_field = 1;
        else if (c == '\r') continue;
        else if (c == '\n') end_field = end_row = 1;
        else field[len++] = (char)c;
        if (len + 4 >= cap) { cap *= 2; field = realloc(field, cap); }
        if (end_field) {
            field[len] = 0;
            double number; int percent; lxw_datetime dt;
            if (row == 0) worksheet_write_string(ws, row, col, field, header);
            else if (len == 0) {}
            else if (parse_number(field, &number, &percent)) worksheet_write_number(ws, row, col, number, percent ? pct : NULL);
            else if (parse_date(field, &dt)) worksheet_write_datetime(ws, row, col, &dt, date);
            else worksheet_write_string(ws, row, col, field, NULL);
            len = 0; col++;
            if (end_row) { row++; col = 0; }
            if (c == EOF) break;
        }
    }
    free(field);
    fclose(in);
    lxw_error error = workbook_close(wb);
    if (error) { fprintf(stderr, "%s\n", lxw_strerror(error)); return 5; }
    return 0;
}
