//! The top-level modules of `src/` import one another in one direction only (issue 25): each
//! module has a layer, and a module names (`crate::x`) only modules of lower layers, so there is
//! no import cycle among them. Shared texts and labels (`strings`) sit at the bottom with the
//! model; charts are pure functions of data; comparisons are site data; Tera is render's.
//!
//! `messages` (texts only) is at the very bottom and `diagnostics` just above it, so every
//! module may name them and they name no module above. A new module must be given a layer in
//! [`LAYERS`].

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

const REPO: &str = env!("CARGO_MANIFEST_DIR");

/// Every top-level module but the shared bottom, by layer: a module may import only modules of
/// lower layers.
const LAYERS: &[(&str, u8)] = &[
    ("messages", 0),
    ("codes", 0),
    ("allocator", 0),
    ("model", 0),
    ("xml", 0),
    ("mime", 0),
    ("dates", 0),
    ("digest", 0),
    ("progress", 0),
    ("diagnostics", 1),
    ("branding", 1),
    ("schema", 1),
    ("judge", 1),
    ("sentence", 1),
    ("strings", 2),
    ("output", 2),
    ("charts", 3),
    ("load", 3),
    ("site", 4),
    // Below check and render, which compare a report with its snapshot (crate::site::changes).
    ("archive", 4),
    ("check", 5),
    ("search", 5),
    ("feed", 5),
    ("import", 5),
    ("notices", 6),
    ("data", 6),
    ("render", 7),
    // Runs every stage, for build and serve alike.
    ("pipeline", 8),
    ("watch", 9),
    ("serve", 9),
];

/// Every top-level module of `src/` (`x.rs` or `x/`) with its `.rs` files; not the crate root
/// and not the command-line front end (`main.rs`, `cmd/`).
fn modules() -> BTreeMap<String, Vec<std::path::PathBuf>> {
    let src = Path::new(REPO).join("src");
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(&src).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if path.is_dir() && name != "cmd" {
            let files = walkdir::WalkDir::new(&path)
                .sort_by_file_name()
                .into_iter()
                .map(Result::unwrap)
                .filter(|e| e.path().extension().is_some_and(|x| x == "rs"))
                .map(|e| e.path().to_path_buf())
                .collect();
            out.insert(name, files);
        } else if let Some(stem) = name.strip_suffix(".rs")
            && !matches!(stem, "lib" | "main")
        {
            out.insert(stem.to_string(), vec![path]);
        }
    }
    out
}

/// The first path segments after `crate::` in `code`: `crate::site::Site` and
/// `crate::{site::Site, model}` give `site` (and `model`).
fn crate_paths(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (at, _) in code.match_indices("crate::") {
        let rest = &code[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // The group's items at the top level (nested groups dropped).
            let (mut depth, mut item, mut items) = (0, String::new(), Vec::new());
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => items.push(std::mem::take(&mut item)),
                    c if depth == 0 => item.push(c),
                    _ => {}
                }
            }
            items.push(item);
            out.extend(items.iter().map(|i| i.trim().split("::").next().unwrap_or("").to_string()));
        } else {
            out.push(rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect());
        }
    }
    out
}

/// For each module, the other top-level modules its code names, with a file and line of each.
fn imports() -> BTreeMap<String, BTreeMap<String, String>> {
    let modules = modules();
    let mut graph = BTreeMap::new();
    for (name, files) in &modules {
        let mut named: BTreeMap<String, String> = BTreeMap::new();
        for file in files {
            let text = std::fs::read_to_string(file).unwrap();
            for (n, line) in text.lines().enumerate() {
                // Code only: a doc comment may link to any module.
                let code = line.split("//").next().unwrap_or("");
                for target in crate_paths(code) {
                    if &target != name && modules.contains_key(&target) {
                        let at = format!("{}:{}", file.strip_prefix(REPO).unwrap().display(), n + 1);
                        named.entry(target).or_insert(at);
                    }
                }
            }
        }
        graph.insert(name.clone(), named);
    }
    graph
}

#[test]
fn every_module_imports_only_lower_layers() {
    let graph = imports();
    let layer: BTreeMap<&str, u8> = LAYERS.iter().copied().collect();
    let mut problems = Vec::new();
    for (module, named) in &graph {
        let Some(&own) = layer.get(module.as_str()) else {
            problems.push(format!("src/{module}: a new top-level module: give it a layer in LAYERS (tests/layering.rs)"));
            continue;
        };
        for (target, at) in named {
            match layer.get(target.as_str()) {
                Some(&t) if t < own => {}
                Some(&t) => problems.push(format!("{at}: {module} (layer {own}) imports {target} (layer {t}), which is not below it")),
                None => problems.push(format!("{at}: {module} imports {target}, which has no layer in LAYERS")),
            }
        }
    }
    let listing: Vec<String> = graph.iter().map(|(m, n)| format!("  {m} -> {}", n.keys().cloned().collect::<Vec<_>>().join(", "))).collect();
    assert!(problems.is_empty(), "{}\n\nimports of each module:\n{}", problems.join("\n"), listing.join("\n"));
}

/// The layering says it; this says it the other way, without layers: among all the top-level
/// modules, no chain of imports leads back to where it started.
#[test]
fn no_import_cycle_among_the_top_level_modules() {
    let graph = imports();
    let members: Vec<&str> = graph.keys().map(String::as_str).collect();
    // Depth-first search for a back edge, within `members`.
    fn visit<'g>(
        m: &'g str,
        graph: &'g BTreeMap<String, BTreeMap<String, String>>,
        members: &[&str],
        path: &mut Vec<&'g str>,
        done: &mut BTreeSet<&'g str>,
    ) -> Option<Vec<String>> {
        if let Some(i) = path.iter().position(|p| *p == m) {
            return Some(path[i..].iter().chain([&m]).map(|s| s.to_string()).collect());
        }
        if !done.insert(m) {
            return None;
        }
        path.push(m);
        for target in graph.get(m).into_iter().flat_map(|n| n.keys()) {
            if members.contains(&target.as_str())
                && let Some(cycle) = visit(target, graph, members, path, done)
            {
                return Some(cycle);
            }
        }
        path.pop();
        None
    }
    for &m in &members {
        assert!(graph.contains_key(m), "src/{m} exists");
        let mut done = BTreeSet::new();
        if let Some(cycle) = visit(m, &graph, &members, &mut Vec::new(), &mut done) {
            panic!("import cycle: {}", cycle.join(" -> "));
        }
    }
}

#[test]
fn import_paths_are_read_as_rust_names_them() {
    assert_eq!(crate_paths("use crate::site::{Site, compare};"), ["site"]);
    assert_eq!(crate_paths("use crate::{site::Site, model::{Figure, Report}, strings};"), ["site", "model", "strings"]);
    assert_eq!(crate_paths("let x = crate::render::fill(a) + crate::charts::Num::new(1);"), ["render", "charts"]);
    assert!(crate_paths("jixiao::site::Site").is_empty());
}
