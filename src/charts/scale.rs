//! "Nice" scales: tick values at 1, 2, 2.5 or 5 × 10ⁿ that cover the data, and SVG coordinates.
//! Numbers shown as text go through [`crate::model::Figure`], as everywhere else.

/// Tick values covering `[lo, hi]` with at most about `max_ticks` ticks, and the decimals they
/// need. The first tick is ≤ `lo` and the last ≥ `hi`; equal bounds are widened.
pub fn nice_ticks(lo: f64, hi: f64, max_ticks: usize) -> (Vec<f64>, usize) {
    let (mut lo, mut hi) = if lo <= hi { (lo, hi) } else { (hi, lo) };
    if !lo.is_finite() || !hi.is_finite() {
        return (vec![0.0, 1.0], 0);
    }
    if lo == hi {
        let pad = if lo == 0.0 { 1.0 } else { lo.abs() * 0.1 };
        if lo >= 0.0 && lo - pad < 0.0 { lo = 0.0 } else { lo -= pad }
        hi += pad;
    }
    let intervals = max_ticks.max(2) - 1;
    let raw = (hi - lo) / intervals as f64;
    let mag = 10f64.powf(raw.log10().floor());
    let (step, extra) = [(1.0, 0), (2.0, 0), (2.5, 1), (5.0, 0), (10.0, 0)]
        .into_iter()
        .map(|(m, e)| (m * mag, e))
        .find(|&(s, _)| s >= raw * (1.0 - 1e-9))
        .unwrap_or((10.0 * mag, 0));
    let decimals = ((-step.log10().floor()).max(0.0) as usize + extra).min(12);
    let k0 = (lo / step + 1e-9).floor() as i64;
    let k1 = (hi / step - 1e-9).ceil() as i64;
    let scale = 10f64.powi(decimals as i32);
    let ticks = (k0..=k1.max(k0 + 1)).map(|k| ((k as f64 * step) * scale).round() / scale).collect();
    (ticks, decimals)
}

/// Decimals needed to show `v` as written by a publisher (at most 6), for computed values.
pub fn decimals_of(v: f64) -> usize {
    (0..=6).find(|&d| ((v * 10f64.powi(d as i32)).round() - v * 10f64.powi(d as i32)).abs() < 1e-6).unwrap_or(6)
}

/// An SVG coordinate: a whole number of viewBox units. Charts are at least 640 units wide and
/// drawn at about as many CSS pixels, so a unit is about a pixel: decimals would only add bytes
/// (every chart of every indicator page is inline).
pub fn coord(v: f64) -> String {
    Coord(v).to_string()
}

/// [`coord`] as a value to format (`write!(out, "{}", Coord(x))`): writes the digits straight
/// into the output, without a `String` per coordinate.
#[derive(Debug, Clone, Copy)]
pub struct Coord(pub f64);

impl std::fmt::Display for Coord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.digits(&mut [0; 24]))
    }
}

impl Coord {
    /// The coordinate's text, written into `buf`.
    pub fn digits(self, buf: &mut [u8; 24]) -> &str {
        // Integer arithmetic: float formatting is slow, and charts write thousands of coordinates.
        let whole = self.0.round();
        if !whole.is_finite() || whole.abs() > 1e15 {
            return "0";
        }
        let t = whole as i64;
        if t == 0 {
            return "0";
        }
        // At most 16 digits and a sign.
        let mut i = buf.len();
        let mut n = t.unsigned_abs();
        loop {
            i -= 1;
            buf[i] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        if t < 0 {
            i -= 1;
            buf[i] = b'-';
        }
        std::str::from_utf8(&buf[i..]).unwrap_or("0")
    }
}

/// A linear map from a domain to a pixel range.
#[derive(Debug, Clone, Copy)]
pub struct Linear {
    /// Domain start and end.
    pub d0: f64,
    /// Domain end.
    pub d1: f64,
    /// Pixel for `d0`.
    pub r0: f64,
    /// Pixel for `d1`.
    pub r1: f64,
}

impl Linear {
    /// The pixel of `v`.
    pub fn at(&self, v: f64) -> f64 {
        if self.d1 == self.d0 {
            return self.r0;
        }
        self.r0 + (v - self.d0) / (self.d1 - self.d0) * (self.r1 - self.r0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_nice_and_cover() {
        let (t, d) = nice_ticks(0.0, 8334.69, 6);
        assert_eq!(t, vec![0.0, 2000.0, 4000.0, 6000.0, 8000.0, 10000.0]);
        assert_eq!(d, 0);
        let (t, d) = nice_ticks(-3.0, 7.0, 6);
        assert_eq!((t.first().copied(), t.last().copied(), d), (Some(-4.0), Some(8.0), 0));
        let (t, d) = nice_ticks(0.0, 0.0031, 5);
        assert!(t[0] <= 0.0 && *t.last().unwrap() >= 0.0031, "{t:?}");
        assert_eq!(d, 3);
        let (t, _) = nice_ticks(5.0, 5.0, 5);
        assert!(t[0] <= 5.0 && *t.last().unwrap() >= 5.0);
    }

    #[test]
    fn coordinates_are_whole_units() {
        assert_eq!(coord(12.04), "12");
        assert_eq!(coord(-0.01), "0");
        assert_eq!(coord(-0.6), "-1");
        assert_eq!(coord(123.45), "123");
        assert_eq!(coord(123.5), "124");
        assert_eq!(coord(-7.96), "-8");
        assert_eq!(coord(640.0), "640");
        assert_eq!(coord(0.4), "0");
        assert_eq!(coord(0.5), "1");
        assert_eq!(coord(-1234567.89), "-1234568");
        assert_eq!(coord(f64::NAN), "0");
        assert_eq!(coord(1e16), "0");
        assert_eq!(coord(999999999999.96), "1000000000000");
    }
}
