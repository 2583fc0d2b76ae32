//! Sorted interval indexes over day numbers: the graph's per-kind time
//! indexes and each actor's event list.
//!
//! A list holds event ids only (4 bytes each), sorted by `(first day, id)`;
//! the first day of an id is looked up in the graph through a `start_of`
//! function, so the lists stay half the size of `(day, id)` pairs. Overlap
//! queries use the largest span (`end - start`) seen in a list: an event
//! overlapping `[from, to]` starts in `[from - max_span, to]`. A time index
//! splits events into buckets by span, so that a handful of year-long events
//! do not make every day query scan a year of day events.

/// Upper bounds (inclusive, in days) of the span buckets of a [`TimeIndex`].
const SPAN_BUCKETS: [i32; 6] = [0, 7, 31, 92, 366, 3660];

/// One list of event ids sorted by `(start_of(id), id)`, with the largest
/// span it holds.
#[derive(Debug, Clone, Default)]
pub(crate) struct SortedList {
    pub(crate) entries: Vec<u32>,
    pub(crate) max_span: i32,
}

impl SortedList {
    pub(crate) fn new() -> SortedList {
        SortedList::default()
    }

    fn position(&self, start: i32, id: u32, start_of: &impl Fn(u32) -> i32) -> usize {
        self.entries
            .partition_point(|&e| (start_of(e), e) < (start, id))
    }

    /// Adds an entry, keeping the list sorted.
    pub(crate) fn insert(
        &mut self,
        start: i32,
        span: i32,
        id: u32,
        start_of: &impl Fn(u32) -> i32,
    ) {
        self.max_span = self.max_span.max(span);
        match self.entries.last() {
            Some(&last) if (start_of(last), last) > (start, id) => {
                let pos = self.position(start, id, start_of);
                self.entries.insert(pos, id);
            }
            _ => self.entries.push(id),
        }
    }

    /// Removes an entry (its event must still be in the graph); returns
    /// whether it was present.
    pub(crate) fn remove(&mut self, start: i32, id: u32, start_of: &impl Fn(u32) -> i32) -> bool {
        let pos = self.position(start, id, start_of);
        if self.entries.get(pos) == Some(&id) {
            self.entries.remove(pos);
            true
        } else {
            false
        }
    }

    /// Appends an entry known to sort after every other.
    pub(crate) fn push_sorted(&mut self, span: i32, id: u32) {
        self.max_span = self.max_span.max(span);
        self.entries.push(id);
    }

    /// Ids whose first day lies in `[from - max_span, to]`: a superset of
    /// those overlapping `[from, to]` (exact when `max_span` is 0 or the
    /// caller checks the last day).
    pub(crate) fn candidates(&self, from: i32, to: i32, start_of: &impl Fn(u32) -> i32) -> &[u32] {
        let lo_day = from.saturating_sub(self.max_span);
        let lo = self.entries.partition_point(|&e| start_of(e) < lo_day);
        let hi = lo + self.entries[lo..].partition_point(|&e| start_of(e) <= to);
        &self.entries[lo..hi]
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

    /// One index per kind from `(start, end, id, kind)` spans already sorted
    /// by `(start, id)`, sized exactly (kinds as indexes below `n_kinds`).
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
            indexes[span.3.into()].buckets[bucket(span)].push_sorted(width, span.2);
        }
        indexes
    }

    pub(crate) fn insert(&mut self, start: i32, end: i32, id: u32, start_of: &impl Fn(u32) -> i32) {
        let span = end.saturating_sub(start).max(0);
        self.buckets[Self::bucket_of(span)].insert(start, span, id, start_of);
    }

    pub(crate) fn remove(
        &mut self,
        start: i32,
        end: i32,
        id: u32,
        start_of: &impl Fn(u32) -> i32,
    ) -> bool {
        let span = end.saturating_sub(start).max(0);
        self.buckets[Self::bucket_of(span)].remove(start, id, start_of)
    }

    /// Calls `f` with every candidate id of `[from, to]` (a superset of the
    /// overlapping events; the caller checks the last day).
    pub(crate) fn for_each_candidate(
        &self,
        from: i32,
        to: i32,
        start_of: &impl Fn(u32) -> i32,
        mut f: impl FnMut(u32),
    ) {
        for bucket in &self.buckets {
            for &id in bucket.candidates(from, to, start_of) {
                f(id);
            }
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.buckets.iter().map(SortedList::len).sum()
    }

    /// Every list, for consistency checks.
    pub(crate) fn lists(&self) -> impl Iterator<Item = &SortedList> + '_ {
        self.buckets.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorted_list_finds_overlaps_through_the_largest_span() {
        let starts = [0, 10, 5, 40];
        let start_of = |e: u32| starts[e as usize];
        let mut list = SortedList::new();
        list.insert(10, 0, 1, &start_of);
        list.insert(5, 30, 2, &start_of);
        list.insert(40, 0, 3, &start_of);
        assert_eq!(list.entries, vec![2, 1, 3]);
        let ids = list.candidates(20, 20, &start_of);
        assert!(ids.contains(&2));
        assert!(!ids.contains(&3));
        assert!(list.remove(5, 2, &start_of));
        assert!(!list.remove(5, 2, &start_of));
    }

    #[test]
    fn time_index_buckets_by_span() {
        let days = [(3, 3), (1, 400), (7, 7), (9, 9)];
        let start_of = |e: u32| days[e as usize].0;
        let mut index = TimeIndex::new();
        for (i, (start, end)) in days.iter().enumerate() {
            index.insert(*start, *end, i as u32, &start_of);
        }
        let mut found = Vec::new();
        index.for_each_candidate(2, 8, &start_of, |id| found.push(id));
        found.sort();
        assert_eq!(found, vec![0, 1, 2]);
        assert!(index.remove(1, 400, 1, &start_of));
        assert_eq!(index.len(), 3);
    }
}
