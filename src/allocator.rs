//! The one allocator setting jixiao decides in code: how long mimalloc (the global allocator of
//! the `jixiao` and `jixiao-bench` binaries) keeps memory freed before handing it back to the
//! system.
//!
//! A build frees and allocates gigabytes stage after stage. With mimalloc's default, memory
//! freed for a second goes back to the system and the next stage faults the same amount back
//! in, zero-filled by the kernel: 1.5–3 s of system time in a 10,000-report build. A build
//! runs for seconds and exits, so `jixiao build` and `jixiao archive` keep what they freed
//! ([`KEEP_FREED`]; peak memory 5–8 % higher); `serve`, which runs for hours, keeps mimalloc's
//! default. Measured again with `jixiao-bench build --purge-delay` (bench/results/, 2026-12-07,
//! 1,000 reports, six builds in one process on a shared 2-core machine): keeping freed memory
//! took 5.45 s of system and 18.8 s of user time against 6.04–6.18 s and 19.6–20.3 s with
//! mimalloc's default (1000 ms), for a peak of 249 MB against 183–196 MB.

// The C library this module sets an option of, linked wherever the module is.
use mimalloc as _;

/// [`set_purge_delay`]'s value for "never hand freed memory back" (mimalloc's `-1`).
pub const KEEP_FREED: i64 = -1;

/// Sets mimalloc's `purge_delay`: milliseconds freed memory is kept before it is handed back
/// to the system, 0 at once, [`KEEP_FREED`] never. It applies from mimalloc's next purge on;
/// it has no effect when mimalloc is not the process's global allocator.
pub fn set_purge_delay(ms: i64) {
    // mimalloc.h: `mi_option_purge_delay` (the same in mimalloc 2 and 3). libmimalloc-sys's
    // bindings do not name this option, so the function and the number are declared here.
    const MI_OPTION_PURGE_DELAY: std::ffi::c_int = 15;
    unsafe extern "C" {
        fn mi_option_set(option: std::ffi::c_int, value: std::ffi::c_long);
    }
    // SAFETY: mimalloc's documented option setter; it stores one integer, read on the next purge.
    unsafe { mi_option_set(MI_OPTION_PURGE_DELAY, ms as std::ffi::c_long) }
}
