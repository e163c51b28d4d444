//! Calendar dates: days since 1970-01-01 (proleptic Gregorian, UTC, by Howard Hinnant's
//! algorithms), the `YYYY-MM-DD` dates of the content ([`parse_date`]: a real date, or what is
//! wrong with it) and the one reading of the clock ([`now_secs`], which `SOURCE_DATE_EPOCH`
//! replaces for reproducible runs). The snapshot manifests' times ([`crate::archive`]), the
//! preview server's HTTP dates, `jixiao new`'s default year and the loader's date rules all go
//! through here.

use std::fmt;

/// A calendar date that exists (month 1–12, day within the month).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year, e.g. 2023.
    pub year: i64,
    /// Month, 1–12.
    pub month: u8,
    /// Day of the month, 1–31.
    pub day: u8,
}

impl Date {
    /// The date `days` days after 1970-01-01.
    pub fn from_days(days: i64) -> Date {
        let (year, month, day) = civil_from_days(days);
        Date { year, month, day }
    }

    /// Days since 1970-01-01.
    pub fn days(self) -> i64 {
        days_from_civil(self.year, i64::from(self.month), i64::from(self.day))
    }

    /// Whether the date lies after December 31 of `year`.
    pub fn after_year(self, year: i64) -> bool {
        self.year > year
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Why a text is not a [`Date`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateError {
    /// Not `YYYY-MM-DD` at all (other separators, missing zeros, words, …).
    Format,
    /// In the form, but a month that does not exist (00, 13 …); `day` is set when the day
    /// could not be in any month either (00, 32 …).
    NoSuchMonth {
        /// The month as written.
        month: u8,
        /// The day as written, when it is impossible too.
        day: Option<u8>,
    },
    /// In the form, the month exists, but not that day in it (2023-02-29, 2023-04-31).
    NoSuchDay {
        /// Year as written.
        year: i64,
        /// Month as written.
        month: u8,
        /// Day as written.
        day: u8,
        /// The month's last day that year.
        last: u8,
    },
}

/// Number of days of `month` (1–12) in `year`.
pub fn days_in_month(year: i64, month: u8) -> u8 {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => 0,
    }
}

/// Reads `YYYY-MM-DD` (exactly: four, two and two ASCII digits): the date, or whether the
/// text is not in the form or names a day that does not exist.
pub fn parse_date(text: &str) -> Result<Date, DateError> {
    let b = text.as_bytes();
    let shaped = b.len() == 10 && b[4] == b'-' && b[7] == b'-' && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shaped {
        return Err(DateError::Format);
    }
    // All ASCII digits: the slices are on character boundaries and parse.
    let num = |r: std::ops::Range<usize>| text[r].parse::<u16>().unwrap_or(0);
    let (year, month, day) = (i64::from(num(0..4)), num(5..7) as u8, num(8..10) as u8);
    if !(1..=12).contains(&month) {
        return Err(DateError::NoSuchMonth { month, day: (!(1..=31).contains(&day)).then_some(day) });
    }
    let last = days_in_month(year, month);
    if !(1..=last).contains(&day) {
        return Err(DateError::NoSuchDay { year, month, day, last });
    }
    Ok(Date { year, month, day })
}

/// Seconds since 1970-01-01 UTC: `SOURCE_DATE_EPOCH` when it is set to a number (for
/// reproducible runs and tests), otherwise the system clock. The only place jixiao reads the
/// time: snapshot manifests, and "today" for the loader's warning about dates in the future.
pub fn now_secs() -> u64 {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok())
        .unwrap_or_else(|| std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs()))
}

/// Today's date, UTC, by [`now_secs`].
pub fn today() -> Date {
    Date::from_days((now_secs() / 86_400) as i64)
}

/// Days since 1970-01-01 → (year, month 1–12, day 1–31).
pub fn civil_from_days(days: i64) -> (i64, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

/// (year, month 1–12, day 1–31) → days since 1970-01-01 (negative before).
pub fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_round_trip() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(days_from_civil(2000, 2, 29), 11_016);
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
        for days in [-719_468, -1, 0, 59, 10_957, 20_000, 47_482, 2_932_896] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, i64::from(m), i64::from(d)), days, "{y}-{m}-{d}");
        }
    }

    #[test]
    fn real_impossible_and_malformed_dates() {
        assert_eq!(parse_date("2023-05-10"), Ok(Date { year: 2023, month: 5, day: 10 }));
        assert_eq!(parse_date("2024-02-29").map(|d| d.to_string()).as_deref(), Ok("2024-02-29"));
        assert_eq!(parse_date("2000-02-29").map(|d| d.day), Ok(29));
        assert_eq!(parse_date("2023-02-29"), Err(DateError::NoSuchDay { year: 2023, month: 2, day: 29, last: 28 }));
        assert_eq!(parse_date("1900-02-29"), Err(DateError::NoSuchDay { year: 1900, month: 2, day: 29, last: 28 }));
        assert_eq!(parse_date("2023-02-30"), Err(DateError::NoSuchDay { year: 2023, month: 2, day: 30, last: 28 }));
        assert_eq!(parse_date("2023-04-31"), Err(DateError::NoSuchDay { year: 2023, month: 4, day: 31, last: 30 }));
        assert_eq!(parse_date("2023-13-45"), Err(DateError::NoSuchMonth { month: 13, day: Some(45) }));
        assert_eq!(parse_date("2023-00-10"), Err(DateError::NoSuchMonth { month: 0, day: None }));
        assert_eq!(parse_date("2023-12-00"), Err(DateError::NoSuchDay { year: 2023, month: 12, day: 0, last: 31 }));
        for text in ["2023-5-10", "2023年5月10日", "2023/05/10", "20230510", "2023-05-10 ", "２０２３-05-10", ""] {
            assert_eq!(parse_date(text), Err(DateError::Format), "{text:?}");
        }
    }

    #[test]
    fn dates_count_days_and_order() {
        let d = parse_date("2022-12-31").unwrap();
        assert_eq!(Date::from_days(d.days() + 1).to_string(), "2023-01-01");
        assert!(!d.after_year(2022) && Date::from_days(d.days() + 1).after_year(2022));
        assert!(d < Date::from_days(d.days() + 1));
    }
}
