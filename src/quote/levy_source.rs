//! Where a levy's figure comes from, held small: a [`LevySource`] reads as the
//! [`Provenance`] it stands for (a rule or snapshot row, the shared VAT/GST row of the quote's
//! rate cache, or one made for the request).

use crate::provenance::Provenance;
use serde::{Serialize, Serializer};
use std::fmt;

/// A levy's [`Provenance`], held small (16 bytes, not a whole provenance: a levy is moved and
/// its line's list grown while the line is priced): the rule or snapshot row's own, borrowed
/// (nearly every levy), the shared VAT/GST row a quote's rate is, or one made for the request.
/// Reads as the [`Provenance`] it stands for.
#[derive(Clone)]
pub enum LevySource {
    /// A row of the engine's tables (they live as long as the program).
    Row(&'static Provenance<'static>),
    /// A VAT/GST rate as the quote's rate cache shares it.
    Vat(std::sync::Arc<crate::rules::VatRate>),
    /// A provenance made for this quote (a request field).
    Owned(Box<Provenance<'static>>),
}

impl std::ops::Deref for LevySource {
    type Target = Provenance<'static>;
    fn deref(&self) -> &Provenance<'static> {
        match self {
            LevySource::Row(p) => p,
            LevySource::Vat(rate) => &rate.source,
            LevySource::Owned(p) => p,
        }
    }
}

impl From<&'static Provenance<'static>> for LevySource {
    fn from(p: &'static Provenance<'static>) -> LevySource {
        LevySource::Row(p)
    }
}

impl From<Provenance<'static>> for LevySource {
    fn from(p: Provenance<'static>) -> LevySource {
        LevySource::Owned(Box::new(p))
    }
}

/// Equal when the provenances they stand for are.
impl PartialEq for LevySource {
    fn eq(&self, other: &LevySource) -> bool {
        **self == **other
    }
}

/// Written as the provenance it stands for.
impl fmt::Debug for LevySource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        (**self).fmt(f)
    }
}

/// `serialize_with` for a levy's source: its [`Citation`](crate::provenance::Citation).
pub fn cited_levy<S: Serializer>(p: &LevySource, s: S) -> std::result::Result<S::Ok, S::Error> {
    p.citation().serialize(s)
}
