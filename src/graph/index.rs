//! Sorted interval indexes over day numbers: the graph's time index, its
//! per-kind indexes and each actor's event list.
//!
//! An entry is `(start_day, event)`; entries are kept sorted by that pair.
//! Overlap queries use the largest span (`end - start`) seen in a list: an
//! event overlapping `[from, to]` starts in `[from - max_span, to]`. The time
//! index splits events into buckets by span, so that a handful of year-long
//! events do not make every day query scan a year of day events.

/// Upper bounds (inclusive, in days) of the span buckets of a [`TimeIndex`].
const SPAN_BUCKETS: [i32; 6] = [0, 7, 31, 92, 366, 3660];

/// One sorted list of `(start_day, event)` with the largest span it holds.
#[derive(Debug, Clone, Default)]
pub(crate) struct SortedList {
    pub(crate) entries: Vec<(i32, u32)>,
    pub(crate) max_span: i32,
    /// False while a bulk load appends without sorting.
    sorted: bool,
}

impl SortedList {
    pub(crate) fn new() -> SortedList {
        SortedList {
            entries: Vec::new(),
            max_span: 0,
            sorted: true,
        }
    }

    /// Adds an entry, keeping the list sorted unless `bulk` is set.
    pub(crate) fn insert(&mut self, start: i32, span: i32, id: u32, bulk: bool) {
        self.max_span = self.max_span.max(span);
        let entry = (start, id);
        if bulk {
            if self.sorted && self.entries.last().is_some_and(|last| *last > entry) {
                self.sorted = false;
            }
            self.entries.push(entry);
            return;
        }
        self.ensure_sorted();
        match self.entries.last() {
            Some(last) if *last > entry => {
                let pos = self.entries.partition_point(|e| *e < entry);
                self.entries.insert(pos, entry);
            }
            _ => self.entries.push(entry),
        }
    }

    /// Removes an entry; returns whether it was present.
    pub(crate) fn remove(&mut self, start: i32, id: u32) -> bool {
        self.ensure_sorted();
        let entry = (start, id);
        let pos = self.entries.partition_point(|e| *e < entry);
        if self.entries.get(pos) == Some(&entry) {
            self.entries.remove(pos);
            true
        } else {
            false
        }
    }

    /// Appends an entry known to sort after every other.
    pub(crate) fn push_sorted(&mut self, start: i32, span: i32, id: u32) {
        debug_assert!(self.entries.last().is_none_or(|l| *l < (start, id)));
        self.max_span = self.max_span.max(span);
        self.entries.push((start, id));
    }

    /// Appends without sorting (call [`SortedList::ensure_sorted`] after).
    pub(crate) fn push_unsorted(&mut self, start: i32, span: i32, id: u32) {
        self.max_span = self.max_span.max(span);
        self.entries.push((start, id));
        self.sorted = false;
    }

    pub(crate) fn ensure_sorted(&mut self) {
        if !self.sorted {
            self.entries.sort_unstable();
            self.sorted = true;
        }
    }

    /// Entries whose start lies in `[from - max_span, to]`: a superset of
    /// those overlapping `[from, to]`; the caller checks the end day.
    pub(crate) fn candidates(&self, from: i32, to: i32) -> &[(i32, u32)] {
        debug_assert!(self.sorted, "index used before it was sorted");
        let lo_day = from.saturating_sub(self.max_span);
        let lo = self.entries.partition_point(|e| e.0 < lo_day);
        let hi = self.entries.partition_point(|e| e.0 <= to);
        if lo >= hi {
            &[]
        } else {
            &self.entries[lo..hi]
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }
}

/// Events by time: sorted lists bucketed by span.
#[derive(Debug, Clone)]
pub(crate) struct TimeIndex {
    buckets: Vec<SortedList>,
}

impl Default for TimeIndex {
    fn default() -> Self {
        TimeIndex::new()
    }
}

impl TimeIndex {
    pub(crate) fn new() -> TimeIndex {
        TimeIndex {
            buckets: (0..=SPAN_BUCKETS.len())
                .map(|_| SortedList::new())
                .collect(),
        }
    }

    fn bucket_of(span: i32) -> usize {
        SPAN_BUCKETS
            .iter()
            .position(|&limit| span <= limit)
            .unwrap_or(SPAN_BUCKETS.len())
    }

    /// One index per kind from `(start, end, id, kind)` spans, sized
    /// exactly (kinds as indexes below `n_kinds`).
    pub(crate) fn by_kind<K: Copy + Into<usize>>(
        spans: &[(i32, i32, u32, K)],
        n_kinds: usize,
    ) -> Vec<TimeIndex> {
        let mut indexes: Vec<TimeIndex> = (0..n_kinds).map(|_| TimeIndex::new()).collect();
        let n_buckets = SPAN_BUCKETS.len() + 1;
        let mut counts = vec![0usize; n_kinds * n_buckets];
        let bucket = |s: &(i32, i32, u32, K)| Self::bucket_of(s.1.saturating_sub(s.0).max(0));
        for span in spans {
            counts[span.3.into() * n_buckets + bucket(span)] += 1;
        }
        for (k, index) in indexes.iter_mut().enumerate() {
            for (b, list) in index.buckets.iter_mut().enumerate() {
                list.entries.reserve_exact(counts[k * n_buckets + b]);
            }
        }
        for span in spans {
            let width = span.1.saturating_sub(span.0).max(0);
            indexes[span.3.into()].buckets[bucket(span)].push_unsorted(span.0, width, span.2);
        }
        for index in &mut indexes {
            index.ensure_sorted();
        }
        indexes
    }

    pub(crate) fn insert(&mut self, start: i32, end: i32, id: u32, bulk: bool) {
        let span = end.saturating_sub(start).max(0);
        self.buckets[Self::bucket_of(span)].insert(start, span, id, bulk);
    }

    pub(crate) fn remove(&mut self, start: i32, end: i32, id: u32) -> bool {
        let span = end.saturating_sub(start).max(0);
        self.buckets[Self::bucket_of(span)].remove(start, id)
    }

    pub(crate) fn ensure_sorted(&mut self) {
        for bucket in &mut self.buckets {
            bucket.ensure_sorted();
        }
    }

    /// Calls `f` with every candidate `(start, id)` of `[from, to]` (a
    /// superset of the overlapping events; the caller checks the end day).
    pub(crate) fn for_each_candidate(&self, from: i32, to: i32, mut f: impl FnMut(i32, u32)) {
        for bucket in &self.buckets {
            for &(start, id) in bucket.candidates(from, to) {
                f(start, id);
            }
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.buckets.iter().map(SortedList::len).sum()
    }

    /// Every entry, for consistency checks.
    pub(crate) fn entries(&self) -> impl Iterator<Item = (i32, u32)> + '_ {
        self.buckets.iter().flat_map(|b| b.entries.iter().copied())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorted_list_finds_overlaps_through_the_largest_span() {
        let mut list = SortedList::new();
        list.insert(10, 0, 1, false);
        list.insert(5, 30, 2, false);
        list.insert(40, 0, 3, false);
        let ids: Vec<u32> = list.candidates(20, 20).iter().map(|e| e.1).collect();
        assert!(ids.contains(&2));
        assert!(!ids.contains(&3));
        assert!(list.remove(5, 2));
        assert!(!list.remove(5, 2));
    }

    #[test]
    fn bulk_inserts_are_sorted_on_demand() {
        let mut index = TimeIndex::new();
        for (i, day) in [9, 3, 7, 1].iter().enumerate() {
            index.insert(*day, *day, i as u32, true);
        }
        index.ensure_sorted();
        let mut found = Vec::new();
        index.for_each_candidate(2, 8, |start, _| found.push(start));
        assert_eq!(found, vec![3, 7]);
    }
}
