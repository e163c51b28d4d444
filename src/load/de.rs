//! A serde deserializer over the span-aware YAML tree that records problems and keeps going.
//!
//! serde's usual contract is to stop at the first error. A web team fixing a report wants every
//! problem of a file at once, each at its value, so this deserializer records a problem (with
//! its position and field path) and substitutes a harmless value instead of failing: an
//! unknown key is skipped, a value of the wrong type becomes an empty one, a missing field is
//! reported once at its mapping. The result is only used when nothing was recorded.

use super::yaml::{Node, Pos, Value};
use super::number_fix::number_fix;
use crate::messages::{self as msg, NumberFix, Text};
use crate::model::{FIGURE_TOKEN, Figure, MAX_SIGNIFICANT_DIGITS};
use serde::de::{self, DeserializeSeed, Deserializer, Visitor};
use std::cell::RefCell;
use std::fmt;

/// A problem found while deserializing, before it is tied to a file.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Problem {
    /// Stable error code.
    pub code: &'static str,
    /// Where the offending value (or the mapping missing a field) is.
    pub pos: Pos,
    /// Field path, e.g. `budget.executed` or `targets[2].id`.
    pub path: String,
    /// What is wrong.
    pub message: Text,
    /// What would be right.
    pub hint: Option<Text>,
}

/// Deserializes `T` from `root`, recording every problem on the way.
///
/// The value is returned whenever deserialization could finish, even with problems: values that
/// were wrong stand in as empty ones, so semantic rules can still run on the rest of the file.
pub(super) fn from_node<T: de::DeserializeOwned>(root: &Node<'_>) -> (Option<T>, Vec<Problem>) {
    let recorder = Recorder::default();
    let result = T::deserialize(De { slot: Slot::Node(root), path: Path::Root, rec: &recorder, quiet: false });
    let mut problems = recorder.problems.into_inner();
    match result {
        Ok(value) => (Some(value), problems),
        Err(e) => {
            if !e.recorded {
                problems.push(Problem {
                    code: "E0103",
                    pos: e.pos.unwrap_or(root.pos),
                    path: e.path.unwrap_or_default(),
                    message: e.message,
                    hint: None,
                });
            }
            (None, problems)
        }
    }
}

#[derive(Default)]
struct Recorder {
    problems: RefCell<Vec<Problem>>,
}

/// Error travelling through serde; positions are attached where they are known.
#[derive(Debug)]
pub(super) struct Error {
    message: Text,
    pos: Option<Pos>,
    path: Option<String>,
    recorded: bool,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message.en)
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        // serde's own words (e.g. "invalid length 2"), the same in both languages.
        Error { message: Text::same(msg.to_string()), pos: None, path: None, recorded: false }
    }
}

impl Error {
    /// An error with one of jixiao's messages.
    fn text(message: impl Into<Text>) -> Self {
        Error { message: message.into(), pos: None, path: None, recorded: false }
    }
}

/// Field path as a linked list on the stack: built for free, formatted only on error.
#[derive(Clone, Copy)]
enum Path<'p> {
    Root,
    Key(&'p Path<'p>, &'p str),
    Index(&'p Path<'p>, usize),
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Path::Root => Ok(()),
            Path::Key(Path::Root, k) => f.write_str(k),
            Path::Key(p, k) => write!(f, "{p}.{k}"),
            Path::Index(p, i) => write!(f, "{p}[{i}]"),
        }
    }
}

#[derive(Clone, Copy)]
enum Slot<'de> {
    Node(&'de Node<'de>),
    /// A struct field absent from its mapping (`pos` is the mapping's position).
    Missing(Pos),
}

struct De<'de, 'p> {
    slot: Slot<'de>,
    path: Path<'p>,
    rec: &'p Recorder,
    /// Inside a value that was already reported (missing or wrong type): report nothing more.
    quiet: bool,
}

impl<'de, 'p> De<'de, 'p> {
    fn pos(&self) -> Pos {
        match self.slot {
            Slot::Node(n) => n.pos,
            Slot::Missing(p) => p,
        }
    }

    fn record(&self, code: &'static str, pos: Pos, message: Text, hint: Option<Text>) {
        if !self.quiet {
            self.rec.problems.borrow_mut().push(Problem { code, pos, path: self.path.to_string(), message, hint });
        }
    }

    /// Records "missing field" or "wrong type, expected `what`" for this slot.
    fn wrong(&self, what: impl Into<Text>, example: Option<&str>) {
        let what = what.into();
        match self.slot {
            Slot::Missing(pos) => {
                let field = match self.path {
                    Path::Key(_, k) => k.to_string(),
                    _ => String::new(),
                };
                self.record("E0102", pos, msg::missing_field(&field), Some(msg::add_field_hint(&field, example)));
            }
            Slot::Node(n) if n.is_null() => {
                self.record("E0102", n.pos, msg::empty_value(&what), example.map(msg::example_hint))
            }
            Slot::Node(n) => self.record("E0103", n.pos, msg::wrong_type(&what, &n.describe()), example.map(msg::example_hint)),
        }
    }

    /// Attaches this node's position and path to an error coming up from below.
    fn locate<T>(&self, r: Result<T, Error>) -> Result<T, Error> {
        r.map_err(|mut e| {
            if e.pos.is_none() {
                e.pos = Some(self.pos());
                e.path = Some(self.path.to_string());
            }
            e
        })
    }

    fn plain_text(&self) -> Option<&'de str> {
        match self.slot {
            Slot::Node(Node { value: Value::Scalar { text, plain: true, tag: None }, .. }) => Some(text),
            _ => None,
        }
    }

    fn figure<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if let Some(text) = self.plain_text()
            && let Some(figure) = Figure::parse(text)
        {
            let digits = figure.significant_digits();
            if digits > MAX_SIGNIFICANT_DIGITS
                && let Slot::Node(n) = self.slot
            {
                self.record("E0103", n.pos, msg::too_many_digits(text, digits, MAX_SIGNIFICANT_DIGITS), Some(msg::too_many_digits_hint()));
            }
            return self.locate(visitor.visit_borrowed_str(text));
        }
        match self.slot {
            // `!!float 8334.69`: the number is fine, the tag is what jixiao does not read.
            Slot::Node(n @ Node { value: Value::Scalar { text, tag: Some(tag), .. }, .. }) => {
                let field = match self.path {
                    Path::Key(_, k) => Some(k),
                    _ => None,
                };
                self.record("E0103", n.pos, msg::figure_tag(tag), Some(msg::figure_tag_hint(field, text, number_fix(text.trim(), false).as_ref())));
            }
            Slot::Node(n @ Node { value: Value::Scalar { text, .. }, .. }) if !n.is_null() => {
                self.record("E0103", n.pos, msg::not_a_number(text), Some(msg::number_hint(&number_fix(text, n.is_quoted()).unwrap_or(NumberFix::Digits))));
            }
            _ => self.wrong(msg::WHAT_NUMBER, Some("7907.98")),
        }
        self.locate(visitor.visit_str("0"))
    }
}

impl Node<'_> {
    fn is_quoted(&self) -> bool {
        matches!(&self.value, Value::Scalar { plain: false, .. })
    }
}

macro_rules! integer {
    ($method:ident, $ty:ty, $visit:ident) => {
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            match self.plain_text().and_then(|t| t.parse::<$ty>().ok()) {
                Some(n) => self.locate(visitor.$visit(n as _)),
                None => {
                    self.wrong(msg::WHAT_INTEGER, Some("2022"));
                    self.locate(visitor.$visit(0))
                }
            }
        }
    };
}

impl<'de, 'p> Deserializer<'de> for De<'de, 'p> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let node = match self.slot {
            Slot::Missing(_) => return self.locate(visitor.visit_none()),
            Slot::Node(n) => n,
        };
        match &node.value {
            _ if node.is_null() => self.locate(visitor.visit_unit()),
            Value::Scalar { text, plain, .. } => {
                if *plain {
                    if let Some(b) = parse_bool(text) {
                        return self.locate(visitor.visit_bool(b));
                    }
                    if let Ok(i) = text.parse::<i64>() {
                        return self.locate(visitor.visit_i64(i));
                    }
                    if Figure::parse(text).is_some()
                        && let Ok(f) = text.parse::<f64>()
                    {
                        return self.locate(visitor.visit_f64(f));
                    }
                }
                self.locate(visitor.visit_borrowed_str(text))
            }
            Value::Seq(_) => self.deserialize_seq(visitor),
            Value::Map(_) => self.deserialize_map(visitor),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if let Slot::Missing(_) = self.slot {
            return visitor.visit_bool(false);
        }
        match self.plain_text().and_then(parse_bool) {
            Some(b) => self.locate(visitor.visit_bool(b)),
            None => {
                self.wrong(msg::WHAT_BOOL, Some("true"));
                self.locate(visitor.visit_bool(false))
            }
        }
    }

    integer!(deserialize_i8, i8, visit_i64);
    integer!(deserialize_i16, i16, visit_i64);
    integer!(deserialize_i32, i32, visit_i64);
    integer!(deserialize_i64, i64, visit_i64);
    integer!(deserialize_u8, u8, visit_u64);
    integer!(deserialize_u16, u16, visit_u64);
    integer!(deserialize_u32, u32, visit_u64);
    integer!(deserialize_u64, u64, visit_u64);

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_f64(visitor)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.plain_text().filter(|t| Figure::parse(t).is_some()).and_then(|t| t.parse::<f64>().ok()) {
            Some(f) => self.locate(visitor.visit_f64(f)),
            None => {
                self.wrong(msg::WHAT_NUMBER, Some("94.88"));
                self.locate(visitor.visit_f64(0.0))
            }
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.slot {
            Slot::Node(n @ Node { value: Value::Scalar { text, .. }, .. }) if !n.is_null() => {
                if let Some((_, c)) = super::control_char(text) {
                    self.record("E0103", n.pos, msg::control_character(c), Some(msg::CONTROL_CHARACTER_HINT.into()));
                }
                self.locate(visitor.visit_borrowed_str(text))
            }
            _ => {
                self.wrong(msg::WHAT_TEXT, None);
                self.locate(visitor.visit_str(""))
            }
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.slot {
            Slot::Missing(_) => visitor.visit_none(),
            Slot::Node(n) if n.is_null() => self.locate(visitor.visit_none()),
            Slot::Node(_) => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, name: &'static str, visitor: V) -> Result<V::Value, Error> {
        if name == FIGURE_TOKEN {
            return self.figure(visitor);
        }
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let items: &'de [Node<'de>] = match self.slot {
            Slot::Node(Node { value: Value::Seq(items), .. }) => items,
            // An absent or empty list is an empty list.
            Slot::Missing(_) => &[],
            Slot::Node(n) if n.is_null() => &[],
            Slot::Node(_) => {
                self.wrong(msg::WHAT_LIST, None);
                &[]
            }
        };
        let path = self.path;
        let access = SeqDe { items, index: 0, path: &path, rec: self.rec, quiet: self.quiet };
        self.locate(visitor.visit_seq(access))
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_struct("", &[], visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        let (entries, pos, quiet): (&'de [(Node<'de>, Node<'de>)], Pos, bool) = match self.slot {
            Slot::Node(n @ Node { value: Value::Map(entries), .. }) => (entries, n.pos, self.quiet),
            _ => {
                self.wrong(msg::WHAT_MAPPING, None);
                (&[], self.pos(), true)
            }
        };
        let path = self.path;
        let access = MapDe {
            entries,
            index: 0,
            fields,
            seen: Vec::with_capacity(entries.len()),
            missing: 0,
            value: None,
            pos,
            path: &path,
            rec: self.rec,
            quiet,
        };
        self.locate(visitor.visit_map(access))
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        let text = match self.slot {
            Slot::Node(n @ Node { value: Value::Scalar { text, .. }, .. }) if !n.is_null() => text.as_ref(),
            _ => {
                self.wrong(msg::one_of(variants), None);
                variants.first().copied().unwrap_or("")
            }
        };
        let access = EnumDe { text, variants, de: &self };
        self.locate(visitor.visit_enum(access))
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        i128 u128 bytes byte_buf unit unit_struct tuple tuple_struct
    }
}

fn parse_bool(text: &str) -> Option<bool> {
    match text {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

struct SeqDe<'de, 'p> {
    items: &'de [Node<'de>],
    index: usize,
    path: &'p Path<'p>,
    rec: &'p Recorder,
    quiet: bool,
}

impl<'de, 'p> de::SeqAccess<'de> for SeqDe<'de, 'p> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Error> {
        let Some(node) = self.items.get(self.index) else { return Ok(None) };
        let index = self.index;
        self.index += 1;
        let de = De { slot: Slot::Node(node), path: Path::Index(self.path, index), rec: self.rec, quiet: self.quiet };
        seed.deserialize(de).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len() - self.index)
    }
}

struct MapDe<'de, 'p> {
    entries: &'de [(Node<'de>, Node<'de>)],
    index: usize,
    fields: &'static [&'static str],
    seen: Vec<&'de str>,
    /// Index into `fields` while reporting absent fields after the entries.
    missing: usize,
    value: Option<(Slot<'de>, &'p str)>,
    pos: Pos,
    path: &'p Path<'p>,
    rec: &'p Recorder,
    quiet: bool,
}

impl<'de, 'p> MapDe<'de, 'p>
where
    'de: 'p,
{
    fn record(&self, code: &'static str, pos: Pos, path: String, message: Text, hint: Option<Text>) {
        if !self.quiet {
            self.rec.problems.borrow_mut().push(Problem { code, pos, path, message, hint });
        }
    }
}

impl<'de: 'p, 'p> de::MapAccess<'de> for MapDe<'de, 'p> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Error> {
        let mut seed = Some(seed);
        while let Some((key, value)) = self.entries.get(self.index) {
            self.index += 1;
            let child_path = |k: &str| {
                let p = Path::Key(self.path, k);
                p.to_string()
            };
            let Some(name) = key.scalar().filter(|_| !key.is_null()) else {
                self.record("E0103", key.pos, self.path.to_string(), msg::KEY_NOT_TEXT.into(), None);
                continue;
            };
            if self.seen.contains(&name) {
                self.record("E0105", key.pos, child_path(name), msg::duplicate_key(name), Some(msg::DUPLICATE_KEY_HINT.into()));
                continue;
            }
            // A field serde does not know fails here; report it with the nearest known name.
            if !self.fields.is_empty() && !self.fields.contains(&name) {
                self.record("E0101", key.pos, child_path(name), msg::unknown_key(name), Some(msg::unknown_key_hint(name, self.fields)));
                continue;
            }
            self.seen.push(name);
            let k = seed.take().expect("seed used once").deserialize(de::value::BorrowedStrDeserializer::<Error>::new(name))?;
            self.value = Some((Slot::Node(value), name));
            return Ok(Some(k));
        }
        // Then every field the mapping lacks, so a required one is reported and an optional one
        // becomes None.
        while let Some(field) = self.fields.get(self.missing) {
            self.missing += 1;
            if self.seen.contains(field) {
                continue;
            }
            let k = seed.take().expect("seed used once").deserialize(de::value::BorrowedStrDeserializer::<Error>::new(field))?;
            self.value = Some((Slot::Missing(self.pos), field));
            return Ok(Some(k));
        }
        Ok(None)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let (slot, name) = self.value.take().expect("value after key");
        let de = De { slot, path: Path::Key(self.path, name), rec: self.rec, quiet: self.quiet };
        seed.deserialize(de)
    }
}

struct EnumDe<'a, 'de, 'p> {
    text: &'a str,
    variants: &'static [&'static str],
    de: &'a De<'de, 'p>,
}

impl<'a, 'de, 'p> de::EnumAccess<'de> for EnumDe<'a, 'de, 'p> {
    type Error = Error;
    type Variant = UnitOnly;

    fn variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<(S::Value, UnitOnly), Error> {
        // serde's derived identifier knows aliases (>=, <=); ask it first, on a throwaway copy
        // of the text, and report with suggestions if it refuses.
        let accepted = self.variants.contains(&self.text) || known_alias(self.text);
        let text = if accepted {
            self.text
        } else {
            if let Slot::Node(n) = self.de.slot
                && !n.is_null()
            {
                self.de.record("E0104", n.pos, msg::invalid_choice(self.text, self.variants), Some(msg::choice_hint(self.text, self.variants)));
            }
            self.variants.first().copied().unwrap_or("")
        };
        let value = seed.deserialize(de::value::StrDeserializer::<Error>::new(text))?;
        Ok((value, UnitOnly))
    }
}

/// Operator aliases declared on `model::Operator`.
fn known_alias(text: &str) -> bool {
    matches!(text, ">=" | "<=" | "==")
}

struct UnitOnly;

impl<'de> de::VariantAccess<'de> for UnitOnly {
    type Error = Error;
    fn unit_variant(self) -> Result<(), Error> {
        Ok(())
    }
    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, _: T) -> Result<T::Value, Error> {
        Err(Error::text(msg::UNSUPPORTED_ENUM_FORM))
    }
    fn tuple_variant<V: Visitor<'de>>(self, _: usize, _: V) -> Result<V::Value, Error> {
        Err(Error::text(msg::UNSUPPORTED_ENUM_FORM))
    }
    fn struct_variant<V: Visitor<'de>>(self, _: &'static [&'static str], _: V) -> Result<V::Value, Error> {
        Err(Error::text(msg::UNSUPPORTED_ENUM_FORM))
    }
}
