//! Files Roadie writes for the user (calendars, summaries): written whole or not at all.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Writes `bytes` to `path` through a temporary file beside it, renamed over `path` once complete
/// and flushed to disk, so a reader never sees half a file and a failure leaves what was there.
pub async fn write_atomically(path: &Path, bytes: Vec<u8>) -> Result<()> {
    let target = path.to_owned();
    tokio::task::spawn_blocking(move || {
        write_atomically_with(&target, move |file| file.write_all(&bytes))
    })
    .await
    .unwrap_or_else(|e| Err(Error::io(path)(std::io::Error::other(e))))
}

/// Like [`write_atomically`], for content too large to hold in memory: `write` fills the temporary
/// file, which replaces `path` once `write` succeeds and the file is flushed to disk. Blocking.
pub fn write_atomically_with<T>(
    path: &Path,
    write: impl FnOnce(&mut std::fs::File) -> std::io::Result<T>,
) -> Result<T> {
    let Some(name) = path.file_name() else {
        return Err(Error::invalid(
            "out",
            format!("{} is not a file name", path.display()),
        ));
    };
    let mut temp_name = std::ffi::OsString::from(".");
    temp_name.push(name);
    temp_name.push(format!(".{}.partial", uuid::Uuid::new_v4().simple()));
    let temp = match path.parent().filter(|d| !d.as_os_str().is_empty()) {
        Some(dir) => dir.join(temp_name),
        None => PathBuf::from(temp_name),
    };
    let result = (|| {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)?;
        let value = write(&mut file)?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&temp, path)?;
        Ok(value)
    })();
    if result.is_err() {
        // Best effort: the temporary file may not even exist.
        let _ = std::fs::remove_file(&temp);
    }
    result.map_err(Error::io(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_file_is_replaced_whole_and_nothing_is_left_behind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cal.ics");
        std::fs::write(&path, "old").unwrap();
        write_atomically(&path, b"new".to_vec()).await.unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);

        let missing = dir.path().join("no/such/dir/cal.ics");
        let e = write_atomically(&missing, b"x".to_vec()).await.unwrap_err();
        assert_eq!(e.code(), "io");
        assert!(
            e.to_string().starts_with(&missing.display().to_string()),
            "{e}"
        );
        // A directory in the way: the old content stays and no temporary file is left.
        let e = write_atomically(dir.path(), b"x".to_vec())
            .await
            .unwrap_err();
        assert!(matches!(e, Error::Io { .. } | Error::Invalid { .. }), "{e}");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
