//! Arithmetic on the ranges published figures stand for: a figure written `92.5` stands for any
//! value from 92.45 to 92.55, and results computed from figures carry the ranges of their inputs.

use crate::model::Figure;

/// The values a published figure (or a result computed from such figures) may stand for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interval {
    /// Lowest value.
    pub lo: f64,
    /// Highest value.
    pub hi: f64,
}

impl Interval {
    /// A figure as written: its value ± half a unit of its last written decimal.
    pub fn of(f: &Figure) -> Interval {
        let h = f.half_unit();
        Interval { lo: f.value() - h, hi: f.value() + h }
    }

    /// A weight or score (分) of a self-evaluation table: whole points are given exactly (a
    /// weight of 10 is 10), points with decimals are rounded like any figure.
    pub fn of_points(f: &Figure) -> Interval {
        if f.decimals() == 0 { Interval::exact(f.value()) } else { Interval::of(f) }
    }

    /// An exact value.
    pub fn exact(v: f64) -> Interval {
        Interval { lo: v, hi: v }
    }

    /// The middle.
    pub fn mid(self) -> f64 {
        (self.lo + self.hi) / 2.0
    }

    /// Half the width: the rounding the value carries.
    pub fn half(self) -> f64 {
        (self.hi - self.lo) / 2.0
    }

    /// Sum.
    pub fn plus(self, o: Interval) -> Interval {
        Interval { lo: self.lo + o.lo, hi: self.hi + o.hi }
    }

    /// Difference.
    pub fn minus(self, o: Interval) -> Interval {
        Interval { lo: self.lo - o.hi, hi: self.hi - o.lo }
    }

    /// Product with a positive constant.
    pub fn scale(self, k: f64) -> Interval {
        Interval { lo: self.lo * k, hi: self.hi * k }
    }

    /// Quotient; `None` when the divisor may be zero.
    pub fn over(self, o: Interval) -> Option<Interval> {
        if o.lo <= 0.0 && o.hi >= 0.0 {
            return None;
        }
        let c = [self.lo / o.lo, self.lo / o.hi, self.hi / o.lo, self.hi / o.hi];
        Some(Interval { lo: c.iter().copied().fold(f64::INFINITY, f64::min), hi: c.iter().copied().fold(f64::NEG_INFINITY, f64::max) })
    }

    /// Sum of many.
    pub fn sum(items: impl IntoIterator<Item = Interval>) -> Interval {
        items.into_iter().fold(Interval::exact(0.0), Interval::plus)
    }

    /// Whether both may be the same value. Only binary floating-point noise (a relative
    /// 1e-12) is allowed beyond the ranges themselves.
    pub fn overlaps(self, o: Interval) -> bool {
        let noise = 1e-12 * (1.0 + self.lo.abs().max(self.hi.abs()).max(o.lo.abs()).max(o.hi.abs()));
        self.lo <= o.hi + noise && o.lo <= self.hi + noise
    }

    /// Whether this is surely greater than `o`.
    pub fn surely_above(self, o: Interval) -> bool {
        !self.overlaps(o) && self.lo > o.hi
    }

    /// The distance between the middles.
    pub fn gap(self, o: Interval) -> f64 {
        (self.mid() - o.mid()).abs()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(s: &str) -> Interval {
        Interval::of(&Figure::parse(s).unwrap())
    }

    #[test]
    fn rounding_case_from_the_issue() {
        let rate = f("7907.98").over(f("8334.69")).unwrap().scale(100.0);
        assert!(rate.overlaps(f("94.88")));
        assert!(!rate.overlaps(f("94.80")));
        assert!(!rate.overlaps(f("94.89")));
    }

    #[test]
    fn sums_carry_each_rounding() {
        let s = Interval::sum([f("3634.3"), f("4273.68")]);
        assert!(s.overlaps(f("7907.98")));
        assert!(!Interval::sum([f("2.74"), f("8.95"), f("0.11"), f("46.51")]).overlaps(f("58.23")));
    }
}
