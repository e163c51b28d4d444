//! J6xx: every key task has its narrative (二（三）) and each narrative is about one task.
//! A narrative naming no task is already refused when loading (E0205).

use super::{Ctx, J601, J602};
use crate::messages::Text;
use crate::messages::check as msg;
use crate::model::Report;

pub(super) fn check(c: &mut Ctx, r: &Report) {
    for (i, t) in r.work.tasks.iter().enumerate() {
        let n = r.task_narratives.iter().filter(|n| n.task == t.id).count();
        if n == 0 {
            c.emit(&J601, format!("work.tasks[{i}]"), msg::task_without_narrative(&t.id, &t.title), vec![], Text::default());
        }
    }
    for (j, n) in r.task_narratives.iter().enumerate() {
        if let Some(first) = r.task_narratives[..j].iter().position(|m| m.task == n.task) {
            c.emit(&J602, format!("task_narratives[{j}].task"), msg::narrative_twice(&n.task, first), vec![], Text::default());
        }
    }
}
