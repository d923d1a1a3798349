/*
 * calendar.c - the one month-length table of the proleptic Gregorian
 * calendar (used by value.c for dates and schema.c for format "date").
 */
#include "util/calendar.h"

int ct_calendar__month_days(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12)
        return 0;
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return days[m - 1];
}
