//! jixiao patch: reads from and writes to a client that give up at a deadline.
//!
//! A socket's timeout bounds one read or write; a client sending one byte every few seconds (a
//! slowloris), or reading one every few seconds, never lets it expire and holds a thread
//! forever. A [`Deadline`] bounds all the reads of a request head together, or all the writes
//! of an answer: before each read from (write to) the socket, under the buffering, the
//! socket's timeout is set to what is left.

use std::io::{Error, ErrorKind, Read, Result as IoResult, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::util::RefinedTcpStream;

/// When the reads of a connection must be done; shared by the connection's reader, its
/// `ClientConnection`, which moves it for each request, and its requests.
#[derive(Clone, Default)]
pub(crate) struct Deadline(Arc<Mutex<DeadlineState>>);

#[derive(Default)]
struct DeadlineState {
    at: Option<Instant>,
    /// A deadline counted from the next read from the socket (see `Deadline::from_next_read`).
    pending: Option<Duration>,
    /// The connection was handed over whole (`Request::into_writer`): no more requests are
    /// read from it.
    handed_over: bool,
}

impl Deadline {
    /// Reads must be done `within` from now; `None`: no deadline.
    pub(crate) fn set(&self, within: Option<Duration>) {
        let mut state = self.0.lock().unwrap();
        state.at = within.map(|d| Instant::now() + d);
        state.pending = None;
    }

    /// Reads must be done `within` from the next read from the socket: the idle time of a
    /// kept-alive connection counts from when its previous request is done (its reader's turn
    /// comes), not from when the connection's thread started waiting for that turn.
    pub(crate) fn from_next_read(&self, within: Option<Duration>) {
        let mut state = self.0.lock().unwrap();
        state.at = None;
        state.pending = within;
    }

    /// No more requests come from this connection: its reads end at once, and its thread
    /// (and its place among `Limits::max_connections`) is free while whoever took the
    /// connection over (e.g. a stream of server-sent events) keeps writing to it.
    pub(crate) fn hand_over(&self) {
        self.0.lock().unwrap().handed_over = true;
    }

    fn get(&self) -> (Option<Instant>, bool) {
        let mut state = self.0.lock().unwrap();
        if let Some(within) = state.pending.take() {
            state.at = Some(Instant::now() + within);
        }
        (state.at, state.handed_over)
    }
}

/// The reading side of a connection, failing with `TimedOut` once its deadline has passed.
pub(crate) struct DeadlineReader {
    inner: RefinedTcpStream,
    deadline: Deadline,
}

impl DeadlineReader {
    pub(crate) fn new(inner: RefinedTcpStream, deadline: Deadline) -> DeadlineReader {
        DeadlineReader { inner, deadline }
    }
}

impl Read for DeadlineReader {
    fn read(&mut self, buf: &mut [u8]) -> IoResult<usize> {
        let timed_out = || Error::new(ErrorKind::TimedOut, "the client was too slow");
        let (at, handed_over) = self.deadline.get();
        if handed_over {
            return Err(timed_out());
        }
        if let Some(at) = at {
            let left = at.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Err(timed_out());
            }
            self.inner.set_read_timeout(Some(left))?;
        } else {
            self.inner.set_read_timeout(None)?;
        }
        match self.inner.read(buf) {
            // Unix reports an expired socket timeout as WouldBlock.
            Err(e) if e.kind() == ErrorKind::WouldBlock || e.kind() == ErrorKind::TimedOut => Err(timed_out()),
            other => other,
        }
    }
}

/// The writing side of a connection, failing with `TimedOut` once its deadline has passed;
/// without a deadline each write may block for `fallback` (the stream of server-sent events
/// that `into_writer` hands over has no end, only its writes are bounded).
pub(crate) struct DeadlineWriter {
    inner: RefinedTcpStream,
    deadline: Deadline,
    fallback: Option<Duration>,
}

impl DeadlineWriter {
    pub(crate) fn new(inner: RefinedTcpStream, deadline: Deadline, fallback: Option<Duration>) -> DeadlineWriter {
        DeadlineWriter { inner, deadline, fallback }
    }
}

impl Write for DeadlineWriter {
    fn write(&mut self, buf: &[u8]) -> IoResult<usize> {
        let timed_out = || Error::new(ErrorKind::TimedOut, "the client stopped reading");
        let (at, _) = self.deadline.get();
        let timeout = match at {
            Some(at) => {
                let left = at.saturating_duration_since(Instant::now());
                if left.is_zero() {
                    self.inner.shutdown_both();
                    return Err(timed_out());
                }
                Some(self.fallback.map_or(left, |f| f.min(left)))
            }
            None => self.fallback,
        };
        self.inner.set_write_timeout(timeout)?;
        match self.inner.write(buf) {
            // The answer is cut short: the connection cannot carry another one.
            Err(e) if e.kind() == ErrorKind::WouldBlock || e.kind() == ErrorKind::TimedOut => {
                self.inner.shutdown_both();
                Err(timed_out())
            }
            other => other,
        }
    }

    fn flush(&mut self) -> IoResult<()> {
        self.inner.flush()
    }
}
