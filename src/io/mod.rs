//! Files: reading folders of reports and decoding them, and the records baocao writes.
//!
//! Everything that touches the file system lives here (and in later modules for sessions and
//! exports), so that `extract` stays a pure function of text.

pub mod corpus;
pub mod decode;
pub mod docx;
pub mod html;
pub mod legacy;
pub mod legacy_tables;
pub mod pdf;
pub mod records;
