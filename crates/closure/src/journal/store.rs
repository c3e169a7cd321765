//! The storage seam of the journal: an append-only list of text records plus one lock record,
//! per account. The browser implements it over localStorage (in `src/services`); [`MemoryStore`]
//! serves native tests and can be told to fail, to simulate a crash at any record.

use std::cell::RefCell;
use std::rc::Rc;

/// Storage refused a read or a write. The journal treats a failed append as a crash: nothing
/// more is sent after it.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    /// The browser's storage is full or disabled, or the write failed.
    #[error("the journal could not be saved: {0}")]
    Write(String),
    #[error("the journal could not be read: {0}")]
    Read(String),
}

impl StoreError {
    pub fn user_message(&self) -> String {
        match self {
            StoreError::Write(detail) => format!(
                "Progress could not be saved in this browser ({detail}), so nothing more was \
                 sent. Free some browser storage or allow it for this page, then resume."
            ),
            StoreError::Read(detail) => format!(
                "The saved progress could not be read ({detail}). Scan the account again to \
                 see what is left."
            ),
        }
    }
}

/// Where journal records live. Invariant for implementations: `append` returns only after the
/// record is durable (as durable as the medium allows), and `load` returns records in append
/// order.
pub trait JournalStore {
    /// Every record appended so far, oldest first.
    fn load(&self) -> Result<Vec<String>, StoreError>;
    fn append(&mut self, record: &str) -> Result<(), StoreError>;
    /// Removes every record (after a finished run has been reported).
    fn clear(&mut self) -> Result<(), StoreError>;
    fn read_lock(&self) -> Result<Option<String>, StoreError>;
    /// Writes (`Some`) or removes (`None`) the lock record.
    fn write_lock(&mut self, lock: Option<&str>) -> Result<(), StoreError>;
}

#[derive(Debug, Default)]
struct Memory {
    records: Vec<String>,
    lock: Option<String>,
    appends_left: Option<usize>,
    appends: usize,
}

/// An in-memory store. Clones share the same records, so a test can keep one handle, give
/// another to an executor, and read (or corrupt) what it wrote afterwards.
#[derive(Clone, Debug, Default)]
pub struct MemoryStore {
    inner: Rc<RefCell<Memory>>,
}

impl MemoryStore {
    pub fn new() -> MemoryStore {
        MemoryStore::default()
    }

    /// A store holding these records (e.g. a copy of another store's).
    pub fn with_records(records: Vec<String>) -> MemoryStore {
        let store = MemoryStore::default();
        store.inner.borrow_mut().records = records;
        store
    }

    /// Accepts `n` more appends, then fails every later one (a crash after `n` records).
    pub fn fail_after(&self, n: usize) {
        self.inner.borrow_mut().appends_left = Some(n);
    }

    /// Stops failing.
    pub fn heal(&self) {
        self.inner.borrow_mut().appends_left = None;
    }

    pub fn records(&self) -> Vec<String> {
        self.inner.borrow().records.clone()
    }

    /// Replaces one record (to test corrupt entries).
    pub fn overwrite(&self, index: usize, record: &str) {
        self.inner.borrow_mut().records[index] = record.to_string();
    }

    /// Appends that succeeded so far.
    pub fn append_count(&self) -> usize {
        self.inner.borrow().appends
    }
}

impl JournalStore for MemoryStore {
    fn load(&self) -> Result<Vec<String>, StoreError> {
        Ok(self.inner.borrow().records.clone())
    }

    fn append(&mut self, record: &str) -> Result<(), StoreError> {
        let mut inner = self.inner.borrow_mut();
        match inner.appends_left {
            Some(0) => return Err(StoreError::Write("simulated storage failure".into())),
            Some(ref mut n) => *n -= 1,
            None => {}
        }
        inner.records.push(record.to_string());
        inner.appends += 1;
        Ok(())
    }

    fn clear(&mut self) -> Result<(), StoreError> {
        self.inner.borrow_mut().records.clear();
        Ok(())
    }

    fn read_lock(&self) -> Result<Option<String>, StoreError> {
        Ok(self.inner.borrow().lock.clone())
    }

    fn write_lock(&mut self, lock: Option<&str>) -> Result<(), StoreError> {
        self.inner.borrow_mut().lock = lock.map(str::to_string);
        Ok(())
    }
}

impl<S: JournalStore + ?Sized> JournalStore for &mut S {
    fn load(&self) -> Result<Vec<String>, StoreError> {
        (**self).load()
    }
    fn append(&mut self, record: &str) -> Result<(), StoreError> {
        (**self).append(record)
    }
    fn clear(&mut self) -> Result<(), StoreError> {
        (**self).clear()
    }
    fn read_lock(&self) -> Result<Option<String>, StoreError> {
        (**self).read_lock()
    }
    fn write_lock(&mut self, lock: Option<&str>) -> Result<(), StoreError> {
        (**self).write_lock(lock)
    }
}
