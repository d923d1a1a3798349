/*
 * calendar.h - the proleptic Gregorian month lengths, for every module that
 * checks or widens dates (internal).
 */
#ifndef CT_CALENDAR_H
#define CT_CALENDAR_H

/* Days in month `m` (1-12) of year `y`: 28 to 31, 29 in February of leap
 * years (divisible by 4, except centuries not divisible by 400).  Returns 0
 * when `m` is out of range. */
int ct_calendar__month_days(int y, int m);

#endif
