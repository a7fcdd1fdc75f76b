//! Checking many files on a few threads while reporting them in the order given.

use std::collections::BTreeMap;
use std::ops::ControlFlow;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::{Condvar, Mutex};

/// How far ahead of the oldest unreported item the workers may run, in chunks per worker: finished
/// results wait in memory until their turn, so this bounds how many can pile up behind a slow file.
const AHEAD_PER_WORKER: usize = 4;

/// The most items a worker takes at once.
const MAX_CHUNK: usize = 16;

/// Runs `work` on every item, `jobs` at a time, and hands the results to `emit` in the items' order.
/// At most `jobs` items are being worked on at once. When `emit` breaks, no further item is started.
/// If the system refuses a thread (a limit on processes or on address space), the work goes on with the
/// threads it has, or on the calling thread if it has none.
pub fn map_in_order<T, R, W, E>(items: &[T], jobs: usize, work: W, mut emit: E) -> ControlFlow<()>
where
    T: Sync,
    R: Send,
    W: Fn(&T) -> R + Sync,
    E: FnMut(R) -> ControlFlow<()>,
{
    let jobs = jobs.clamp(1, items.len().max(1));
    if jobs == 1 {
        for item in items {
            emit(work(item))?;
        }
        return ControlFlow::Continue(());
    }
    // Workers take consecutive items a chunk at a time and send one message per chunk: a thread handoff
    // per file would cost more than checking a small file. Chunks stay small enough that every worker
    // gets several, so a slow file does not leave the others idle.
    let chunk = (items.len() / (jobs * 8)).clamp(1, MAX_CHUNK);
    let window = jobs * AHEAD_PER_WORKER * chunk;
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    // The index of the next result to emit, which workers wait on to stay within the window.
    let emitted = Mutex::new(0usize);
    let advanced = Condvar::new();
    std::thread::scope(|scope| {
        let (sender, receiver) = mpsc::channel::<(usize, Vec<R>)>();
        let mut workers = 0;
        for _ in 0..jobs {
            let sender = sender.clone();
            let (next, stop, emitted, advanced, work) = (&next, &stop, &emitted, &advanced, &work);
            let spawned = std::thread::Builder::new().spawn_scoped(scope, move || {
                loop {
                    let start = next.fetch_add(chunk, Ordering::Relaxed);
                    if start >= items.len() {
                        break;
                    }
                    {
                        let mut done = emitted.lock().unwrap_or_else(|e| e.into_inner());
                        while start >= *done + window && !stop.load(Ordering::Relaxed) {
                            done = advanced.wait(done).unwrap_or_else(|e| e.into_inner());
                        }
                    }
                    let end = (start + chunk).min(items.len());
                    let mut results = Vec::with_capacity(end - start);
                    for item in &items[start..end] {
                        if stop.load(Ordering::Relaxed) {
                            return;
                        }
                        results.push(work(item));
                    }
                    if sender.send((start, results)).is_err() {
                        break;
                    }
                }
            });
            if spawned.is_err() {
                // The workers started take every item between them (each takes the next chunk).
                break;
            }
            workers += 1;
        }
        drop(sender);
        if workers == 0 {
            return items.iter().try_for_each(|item| emit(work(item)));
        }
        let mut pending = BTreeMap::new();
        let mut want = 0;
        let mut flow = ControlFlow::Continue(());
        'receive: for (start, results) in receiver.iter() {
            pending.insert(start, results);
            while let Some(results) = pending.remove(&want) {
                want += results.len();
                *emitted.lock().unwrap_or_else(|e| e.into_inner()) = want;
                advanced.notify_all();
                for result in results {
                    if emit(result).is_break() {
                        flow = ControlFlow::Break(());
                        break 'receive;
                    }
                }
            }
        }
        {
            // Under the lock, so that a worker between its check and its wait cannot miss the wake-up.
            let _done = emitted.lock().unwrap_or_else(|e| e.into_inner());
            stop.store(true, Ordering::Relaxed);
        }
        advanced.notify_all();
        drop(receiver);
        flow
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn results_come_in_the_items_order_whatever_finishes_first() {
        let items: Vec<u64> = (0..40).collect();
        let mut seen = Vec::new();
        let flow = map_in_order(
            &items,
            3,
            |&n| {
                // Early items take longest, so later ones finish first.
                std::thread::sleep(Duration::from_millis(40u64.saturating_sub(n)));
                n * 10
            },
            |r| {
                seen.push(r);
                ControlFlow::Continue(())
            },
        );
        assert_eq!(flow, ControlFlow::Continue(()));
        assert_eq!(seen, items.iter().map(|n| n * 10).collect::<Vec<_>>());
    }

    #[test]
    fn a_break_stops_starting_items() {
        let items: Vec<usize> = (0..1000).collect();
        let started = AtomicUsize::new(0);
        let mut seen = Vec::new();
        let flow = map_in_order(
            &items,
            2,
            |&n| {
                started.fetch_add(1, Ordering::Relaxed);
                n
            },
            |r| {
                seen.push(r);
                if r == 2 {
                    ControlFlow::Break(())
                } else {
                    ControlFlow::Continue(())
                }
            },
        );
        assert_eq!(flow, ControlFlow::Break(()));
        assert_eq!(seen, [0, 1, 2]);
        // Workers never run further ahead than the window past the last emitted item (in chunks of at
        // most MAX_CHUNK items), plus the chunk each may have in hand.
        let bound = 3 + 2 * AHEAD_PER_WORKER * MAX_CHUNK + 2 * MAX_CHUNK;
        assert!(
            started.load(Ordering::Relaxed) <= bound,
            "{}",
            started.load(Ordering::Relaxed)
        );
        assert!(started.load(Ordering::Relaxed) < items.len());
    }
}
