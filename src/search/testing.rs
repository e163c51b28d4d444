//! Random inputs for the unit tests of the search module.

/// xorshift64: a fixed-seed generator (the seed must not be 0).
pub(crate) struct Xorshift(pub(crate) u64);

impl Xorshift {
    /// The next number.
    pub(crate) fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// `len` chars drawn from `alphabet`.
    pub(crate) fn text(&mut self, alphabet: &[char], len: usize) -> String {
        (0..len).map(|_| alphabet[(self.next() % alphabet.len() as u64) as usize]).collect()
    }
}
