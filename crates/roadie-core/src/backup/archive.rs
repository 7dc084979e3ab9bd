//! Roadie's zip files (backups and full exports): named files, plus `manifest.json` listing each
//! with its SHA-256 and size, written whole or not at all and checked entry by entry when read.

use std::io::{BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

use crate::backup::receipts::{hex, relative_path};
use crate::error::{Error, Result};
use crate::files;

/// The manifest's name inside the zip.
pub(crate) const MANIFEST: &str = "manifest.json";
/// The largest manifest Roadie reads.
const MAX_MANIFEST_BYTES: u64 = 64 * 1024 * 1024;

/// What a Roadie zip holds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Manifest {
    /// `roadie-backup` or `roadie-export`.
    pub format: String,
    pub format_version: u32,
    pub created_at: DateTime<Utc>,
    /// The latest migration of the database inside.
    pub schema_version: i64,
    /// Every other file in the zip.
    pub files: Vec<ManifestFile>,
    /// Receipts the database lists that were missing (or changed) when the zip was written.
    #[serde(default)]
    pub missing_receipts: Vec<String>,
}

/// One file in the zip.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct ManifestFile {
    pub path: String,
    pub sha256: String,
    pub size: u64,
}

/// What goes into a zip entry.
pub(crate) enum Content {
    File(PathBuf),
    Bytes(Vec<u8>),
}

/// A writer that hashes and counts what passes through it.
struct Hashing<W> {
    inner: W,
    hasher: Sha256,
    size: u64,
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.size += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Writes a zip of `entries` and the manifest (its `files` filled in here) to `out`, replacing
/// what is there only once complete and on disk. Blocking. Returns the zip's size in bytes.
pub(crate) fn write(
    out: &Path,
    entries: Vec<(String, Content)>,
    mut manifest: Manifest,
) -> Result<u64> {
    files::write_atomically_with(out, move |file| {
        let mut zip = ZipWriter::new(BufWriter::new(file));
        let options = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Deflated)
            .large_file(true);
        for (name, content) in entries {
            zip.start_file(name.as_str(), options)
                .map_err(std::io::Error::other)?;
            let mut hashing = Hashing {
                inner: &mut zip,
                hasher: Sha256::new(),
                size: 0,
            };
            match content {
                Content::File(path) => {
                    std::io::copy(&mut std::fs::File::open(&path)?, &mut hashing)?;
                }
                Content::Bytes(bytes) => hashing.write_all(&bytes)?,
            }
            manifest.files.push(ManifestFile {
                path: name,
                sha256: hex(&hashing.hasher.finalize()),
                size: hashing.size,
            });
        }
        zip.start_file(MANIFEST, options)
            .map_err(std::io::Error::other)?;
        serde_json::to_writer_pretty(&mut zip, &manifest)?;
        let mut buffered = zip.finish().map_err(std::io::Error::other)?;
        buffered.flush()?;
        let file = buffered.into_inner().map_err(|e| e.into_error())?;
        Ok(file.metadata()?.len())
    })
}

/// Whether the file at `path` starts like a zip.
pub(crate) fn is_zip(head: &[u8]) -> bool {
    head.starts_with(b"PK\x03\x04")
}

/// Extracts the zip at `file` into the folder `into`, checking that it is a Roadie zip of
/// `format` and that every entry is listed in its manifest with that content, and every listed
/// file is there. Blocking. A bad file is an `Invalid` error on `file`.
pub(crate) fn extract(file: &Path, into: &Path, format: &str) -> Result<Manifest> {
    let shown = file.display();
    let bad = |message: String| Error::invalid("file", format!("{shown}: {message}"));
    let opened = std::fs::File::open(file).map_err(Error::io(file))?;
    let mut zip = ZipArchive::new(std::io::BufReader::new(opened))
        .map_err(|e| bad(format!("not a readable zip file ({e})")))?;
    let manifest: Manifest = {
        let entry = zip
            .by_name(MANIFEST)
            .map_err(|_| bad(format!("no {MANIFEST}: not a Roadie backup or export")))?;
        let mut text = Vec::new();
        entry
            .take(MAX_MANIFEST_BYTES)
            .read_to_end(&mut text)
            .map_err(|e| bad(format!("{MANIFEST} cannot be read ({e})")))?;
        serde_json::from_slice(&text).map_err(|e| bad(format!("{MANIFEST} is not valid ({e})")))?
    };
    if manifest.format != format {
        let what = match manifest.format.as_str() {
            "roadie-backup" => "a Roadie backup (restore it instead)".to_owned(),
            "roadie-export" => "a Roadie export (import it into a new database instead)".to_owned(),
            other => format!("of format {other:?}"),
        };
        return Err(bad(format!("this file is {what}, not {format}")));
    }
    if manifest.format_version != 1 {
        return Err(bad(format!(
            "format version {} is not one this Roadie reads (1); update Roadie",
            manifest.format_version
        )));
    }
    let mut seen = std::collections::HashSet::new();
    for i in 0..zip.len() {
        let entry = zip
            .by_index(i)
            .map_err(|e| bad(format!("entry {i} cannot be read ({e})")))?;
        if entry.is_dir() {
            continue;
        }
        let name = entry
            .name()
            .map_err(|e| bad(format!("entry {i} has an unreadable name ({e})")))?
            .into_owned();
        if name == MANIFEST {
            continue;
        }
        let Some(listed) = manifest.files.iter().find(|f| f.path == name) else {
            return Err(bad(format!("{name} is not listed in its manifest")));
        };
        let Some(relative) = relative_path(&name) else {
            return Err(bad(format!("{name:?} is not a safe path")));
        };
        let target = into.join(relative);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(Error::io(parent))?;
        }
        let mut written = std::fs::File::create(&target).map_err(Error::io(&target))?;
        let mut hashing = Hashing {
            inner: &mut written,
            hasher: Sha256::new(),
            size: 0,
        };
        // One byte more than listed is enough to know it is too long.
        std::io::copy(&mut entry.take(listed.size.saturating_add(1)), &mut hashing)
            .map_err(|e| bad(format!("{name} cannot be read ({e})")))?;
        let (size, sha256) = (hashing.size, hex(&hashing.hasher.finalize()));
        if size != listed.size || sha256 != listed.sha256 {
            return Err(bad(format!(
                "{name} is damaged: its content does not match the SHA-256 in the manifest"
            )));
        }
        written.sync_all().map_err(Error::io(&target))?;
        seen.insert(name);
    }
    if let Some(absent) = manifest.files.iter().find(|f| !seen.contains(&f.path)) {
        return Err(bad(format!(
            "{} is listed in the manifest but not in the file",
            absent.path
        )));
    }
    Ok(manifest)
}
