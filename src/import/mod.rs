//! `jixiao import`: turns the documents an office already has (PDF, Word, plain text,
//! spreadsheets) into a draft report file that loads, builds and can be checked.
//!
//! Two halves, with [`source::Source`] between them: the readers (`read`) turn a file of any
//! supported format into blocks of text and tables with their locations; the recognisers
//! (`outline`, `table`) place those blocks into a [`crate::model::Report`], recording what was
//! found, guessed or not placed.

pub mod source;
pub mod read; pub mod table;
