//! The receipt files a database lists: found, checked against their recorded SHA-256, and put into
//! a receipts folder.

use std::io::Read;
use std::path::{Component, Path, PathBuf};

use sha2::{Digest, Sha256};
use sqlx::SqliteConnection;

use crate::error::{Error, Result};
use crate::files;

/// A receipt as the database lists it.
#[derive(Clone, Debug)]
pub(crate) struct Listed {
    /// Its path inside the receipts folder.
    pub stored_name: String,
    pub sha256: String,
}

/// A receipt file whose content is the one listed.
#[derive(Clone, Debug)]
pub(crate) struct Found {
    pub stored_name: String,
    pub sha256: String,
    pub path: PathBuf,
}

/// The receipts the database on `conn` lists, in the order they were attached.
pub(crate) async fn listed(conn: &mut SqliteConnection) -> Result<Vec<Listed>> {
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT stored_name, sha256 FROM travel_receipts ORDER BY id")
            .fetch_all(&mut *conn)
            .await?;
    Ok(rows
        .into_iter()
        .map(|(stored_name, sha256)| Listed {
            stored_name,
            sha256,
        })
        .collect())
}

/// A stored name as a path inside a folder, if it is a plain relative path (no `..`, no root).
pub(crate) fn relative_path(stored_name: &str) -> Option<PathBuf> {
    let path = Path::new(stored_name);
    let plain =
        !stored_name.is_empty() && path.components().all(|c| matches!(c, Component::Normal(_)));
    plain.then(|| path.to_owned())
}

/// The SHA-256 of a file's bytes, in hex.
pub(crate) fn sha256_file(path: &Path) -> std::io::Result<String> {
    let mut file = std::fs::File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0; 64 * 1024];
    loop {
        let n = file.read(&mut buffer)?;
        if n == 0 {
            break;
        }
        hasher.update(&buffer[..n]);
    }
    Ok(hex(&hasher.finalize()))
}

/// Bytes in lowercase hex.
pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Looks for each listed receipt in the folder `dir`: those there with the recorded content, and
/// the stored names of those missing or changed. Blocking.
pub(crate) fn locate(dir: &Path, listed: &[Listed]) -> (Vec<Found>, Vec<String>) {
    let mut found = Vec::new();
    let mut missing = Vec::new();
    for receipt in listed {
        let path = relative_path(&receipt.stored_name).map(|p| dir.join(p));
        match path {
            Some(path) if sha256_file(&path).is_ok_and(|h| h == receipt.sha256) => {
                found.push(Found {
                    stored_name: receipt.stored_name.clone(),
                    sha256: receipt.sha256.clone(),
                    path,
                });
            }
            _ => missing.push(receipt.stored_name.clone()),
        }
    }
    (found, missing)
}

/// Copies receipt files into the receipts folder `dir`, each whole or not at all, leaving those
/// already there with the same content; returns how many were written. Blocking.
pub(crate) fn install(files: &[Found], dir: &Path) -> Result<usize> {
    let mut written = 0;
    for receipt in files {
        let Some(relative) = relative_path(&receipt.stored_name) else {
            return Err(Error::invalid(
                "file",
                format!("{:?} is not a receipt's path", receipt.stored_name),
            ));
        };
        let target = dir.join(relative);
        if sha256_file(&target).is_ok_and(|h| h == receipt.sha256) {
            continue;
        }
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(Error::io(parent))?;
        }
        let source = receipt.path.clone();
        files::write_atomically_with(&target, move |file| {
            std::io::copy(&mut std::fs::File::open(&source)?, file)
        })?;
        written += 1;
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_relative_paths_are_receipts() {
        assert!(relative_path("request-3/0123456789abcdef-taxi.pdf").is_some());
        for bad in ["", "/etc/passwd", "../x", "request-3/../../x", "./x"] {
            assert_eq!(relative_path(bad), None, "{bad}");
        }
    }
}
