"""The date model and every way to write a date: EDTF, written forms, calendars, intervals."""
