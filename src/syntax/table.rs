//! Fixed-length arrays for the models' large weight tables, in memory the
//! kernel may back with 2 MB pages.
//!
//! The tagger's and the parser's tables are 4-10 MB each and probed at
//! random (one feature hash, one slot): with 4 KB pages nearly every probe
//! of a rare feature misses the TLB as well as the cache, and the page walk
//! comes before the memory access it is waiting for (a prefetch waits for
//! it too). On Linux a [`Table`] of 1 MB or more is mapped on its own,
//! aligned to 2 MB, and marked `MADV_HUGEPAGE` before it is first written,
//! so with transparent huge pages in `madvise` or `always` mode its pages
//! are 2 MB ones (measured in docs/benchmarks.md: the extraction bench
//! spends about 15% less CPU time). Elsewhere, when the mapping fails, or
//! for small tables, it is an ordinary heap allocation. The values are the
//! same either way; only where they live changes.

use std::fmt;
use std::ops::{Deref, DerefMut};

/// Plain values whose all-zero bytes are a valid value (the integers and
/// pairs of them the tables hold), so a fresh mapping, which the kernel
/// fills with zeros, is a table of zeros.
///
/// # Safety
///
/// Implement only for types for which every all-zero bit pattern is a valid
/// value and that have no drop glue.
pub unsafe trait Zeroable: Copy + 'static {}

// SAFETY: integers (and tuples of them) are valid as all-zero bytes.
unsafe impl Zeroable for i16 {}
// SAFETY: as above.
unsafe impl Zeroable for u32 {}
// SAFETY: as above.
unsafe impl Zeroable for u64 {}
// SAFETY: as above.
unsafe impl Zeroable for (u32, u32) {}
// SAFETY: as above.
unsafe impl Zeroable for (u64, u32) {}

/// Tables smaller than this stay on the heap.
#[cfg(target_os = "linux")]
const MAP_FROM: usize = 1 << 20;
/// The size of a huge page on x86_64 and aarch64 (4 KB base pages).
#[cfg(target_os = "linux")]
const HUGE: usize = 2 << 20;

/// A fixed-length array of plain values (see the module documentation).
pub struct Table<T: Zeroable> {
    store: Store<T>,
}

enum Store<T> {
    Heap(Vec<T>),
    #[cfg(target_os = "linux")]
    Mapped(Mapping<T>),
}

/// `len` values at `ptr`, the start of an anonymous mapping of `bytes`
/// bytes this value owns.
#[cfg(target_os = "linux")]
struct Mapping<T> {
    ptr: std::ptr::NonNull<T>,
    len: usize,
    bytes: usize,
}

// SAFETY: a `Mapping` owns its memory exclusively, like a `Vec`; sharing or
// sending it is sound when the values may be shared or sent.
#[cfg(target_os = "linux")]
unsafe impl<T: Send> Send for Mapping<T> {}
// SAFETY: as above; `&Mapping` only hands out `&[T]`.
#[cfg(target_os = "linux")]
unsafe impl<T: Sync> Sync for Mapping<T> {}

#[cfg(target_os = "linux")]
impl<T: Zeroable> Mapping<T> {
    /// A zeroed mapping for `len` values aligned to 2 MB and advised to use
    /// huge pages, or `None` if the kernel refuses.
    fn zeroed(len: usize) -> Option<Mapping<T>> {
        let size = len.checked_mul(std::mem::size_of::<T>())?;
        if size < MAP_FROM || std::mem::align_of::<T>() > 4096 {
            return None;
        }
        let bytes = size.checked_add(HUGE - 1)? & !(HUGE - 1);
        let span = bytes.checked_add(HUGE)?;
        // SAFETY: an anonymous private mapping of fresh memory; the result
        // is checked before use.
        let base = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                span,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
                -1,
                0,
            )
        };
        if base == libc::MAP_FAILED {
            return None;
        }
        let base = base as usize;
        let start = (base + HUGE - 1) & !(HUGE - 1);
        // SAFETY: the ranges unmapped lie inside the mapping just made
        // (before the aligned start, after its `bytes`) and nothing refers
        // to them; the advice only concerns the part kept, not yet touched.
        unsafe {
            if start > base {
                libc::munmap(base as *mut libc::c_void, start - base);
            }
            let end = start + bytes;
            if base + span > end {
                libc::munmap(end as *mut libc::c_void, base + span - end);
            }
            // advice only: without it (or without THP) the pages are small
            libc::madvise(start as *mut libc::c_void, bytes, libc::MADV_HUGEPAGE);
        }
        Some(Mapping {
            ptr: std::ptr::NonNull::new(start as *mut T)?,
            len,
            bytes,
        })
    }
}

#[cfg(target_os = "linux")]
impl<T> Drop for Mapping<T> {
    fn drop(&mut self) {
        // SAFETY: the mapping was made by `Mapping::zeroed` with this start
        // and size, and is dropped once.
        unsafe {
            libc::munmap(self.ptr.as_ptr().cast(), self.bytes);
        }
    }
}

impl<T: Zeroable> Table<T> {
    /// A table of `len` zero values.
    pub fn zeroed(len: usize) -> Table<T> {
        #[cfg(target_os = "linux")]
        if let Some(map) = Mapping::zeroed(len) {
            return Table {
                store: Store::Mapped(map),
            };
        }
        // SAFETY (of the zero value): `T: Zeroable`.
        let zero: T = unsafe { std::mem::zeroed() };
        Table {
            store: Store::Heap(vec![zero; len]),
        }
    }

    /// A table holding the values of `values`.
    pub fn from_slice(values: &[T]) -> Table<T> {
        let mut table = Table::zeroed(values.len());
        table.copy_from_slice(values);
        table
    }

    /// Whether the table lives in its own mapping (advised to use huge
    /// pages) rather than on the heap.
    pub fn is_mapped(&self) -> bool {
        match &self.store {
            Store::Heap(_) => false,
            #[cfg(target_os = "linux")]
            Store::Mapped(_) => true,
        }
    }
}

impl<T: Zeroable> From<Vec<T>> for Table<T> {
    /// A table of the vector's values (moved when it stays on the heap).
    fn from(values: Vec<T>) -> Table<T> {
        #[cfg(target_os = "linux")]
        if values.len() * std::mem::size_of::<T>() >= MAP_FROM {
            return Table::from_slice(&values);
        }
        Table {
            store: Store::Heap(values),
        }
    }
}

impl<T: Zeroable> Default for Table<T> {
    fn default() -> Table<T> {
        Table {
            store: Store::Heap(Vec::new()),
        }
    }
}

impl<T: Zeroable> Deref for Table<T> {
    type Target = [T];

    fn deref(&self) -> &[T] {
        match &self.store {
            Store::Heap(v) => v,
            // SAFETY: the mapping holds `len` initialised values (zeroed by
            // the kernel, valid by `T: Zeroable`) and lives as long as `self`.
            #[cfg(target_os = "linux")]
            Store::Mapped(m) => unsafe { std::slice::from_raw_parts(m.ptr.as_ptr(), m.len) },
        }
    }
}

impl<T: Zeroable> DerefMut for Table<T> {
    fn deref_mut(&mut self) -> &mut [T] {
        match &mut self.store {
            Store::Heap(v) => v,
            // SAFETY: as in `deref`, and `&mut self` makes the borrow unique.
            #[cfg(target_os = "linux")]
            Store::Mapped(m) => unsafe { std::slice::from_raw_parts_mut(m.ptr.as_ptr(), m.len) },
        }
    }
}

impl<T: Zeroable> Clone for Table<T> {
    fn clone(&self) -> Table<T> {
        Table::from_slice(self)
    }
}

impl<T: Zeroable + PartialEq> PartialEq for Table<T> {
    fn eq(&self, other: &Table<T>) -> bool {
        **self == **other
    }
}

impl<T: Zeroable + fmt::Debug> fmt::Debug for Table<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Table")
            .field("len", &self.len())
            .field("mapped", &self.is_mapped())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::Table;

    #[test]
    fn small_and_large_tables_hold_their_values() {
        for len in [0usize, 5, 300_000, 1 << 20] {
            let mut t: Table<(u32, u32)> = Table::zeroed(len);
            assert_eq!(t.len(), len);
            assert!(t.iter().all(|&v| v == (0, 0)));
            for (i, v) in t.iter_mut().enumerate() {
                *v = (i as u32, !(i as u32));
            }
            let copy = t.clone();
            assert_eq!(copy, t);
            assert!(copy
                .iter()
                .enumerate()
                .all(|(i, &v)| v == (i as u32, !(i as u32))));
            let from: Table<u64> = Table::from((0..len as u64).collect::<Vec<_>>());
            assert_eq!(from.len(), len);
            assert!(from.iter().enumerate().all(|(i, &v)| v == i as u64));
        }
        // a table of 8 MB is mapped on its own on Linux
        #[cfg(target_os = "linux")]
        assert!(Table::<(u32, u32)>::zeroed(1 << 20).is_mapped());
        assert!(!Table::<u32>::zeroed(10).is_mapped());
    }
}
