//! The week as an integer programme.
//!
//! The staff are alike, so the model does not name them: it counts how many people work each
//! possible week of one person (`people[w]`, over the maximal weeks [`weeks_of_one`] lists,
//! each within the hours and the 11-hour rest rule). `team[s][d][k]` says the `k`-th team (from
//! 0) is out in district `d` on slot `s` (a weekday × shift). Rules:
//! - no more people than the staff;
//! - every team is two people: a slot has at least twice its teams at work (a surplus person is
//!   left off that shift afterwards, which keeps every rule);
//! - the leader's requirements (must-cover nights, school days) and pins hold;
//! - a second team in a district only if the first is there (so the halving below is honest).
//!
//! The objective is the expected contacts: a first team in a district meets its value, a second
//! half of it, a third a quarter. Naming each person instead gives the solver every order of
//! the same people to try (three staff took 25 s); counting weeks leaves it one. The optimum is
//! exact (branch and bound to the end), so a plan for more staff never expects fewer contacts:
//! the smaller plan is still allowed.

use good_lp::{
    Expression, ProblemVariables, Solution, SolverModel, Variable, WithInitialSolution,
    WithTimeLimit, constraint, microlp, variable,
};

use crate::plan::{Plan, TeamShift};
use crate::problem::{PlanError, Problem};
use crate::week::{Slot, slots, weeks_of_one};
use gatelangs_domain::staffing::Weekday;

/// A value below this is no value: such a team-shift is left out of the plan unless a rule
/// needs it.
const NO_VALUE: f64 = 1e-9;

fn decay(k: usize) -> f64 {
    0.5_f64.powi(i32::try_from(k).unwrap_or(i32::MAX))
}

/// More weeks of one person than this and the model is too large to solve quickly.
const MAX_WEEKS: usize = 20_000;

struct Model {
    slots: Vec<Slot>,
    /// The weeks one person can work, as slot indexes, and how many people work each.
    weeks: Vec<Vec<usize>>,
    people: Vec<Variable>,
    /// `team[s][d][k]`.
    team: Vec<Vec<Vec<Variable>>>,
}

/// How long the solver may seek a better week for an odd number of staff, beyond the week of
/// one person fewer it starts from.
const ODD_STAFF_SECONDS: f64 = 1.0;

/// The week of field teams for `problem` that meets the most youths.
///
/// With an even number of staff the optimum is proven. With an odd number, the person without
/// a fixed partner makes the relaxation loose (two and a half teams are not a team), and
/// proving the optimum can take the solver minutes; so it starts from the proven week of one
/// person fewer, improves on it for [`ODD_STAFF_SECONDS`], and keeps the best week found. Its
/// answer is never below the week for one fewer, never above the week for one more (which is
/// proven), so more staff never expect fewer contacts.
pub fn solve(problem: &Problem) -> Result<Plan, PlanError> {
    problem.check()?;
    let start = if !problem.staff.is_multiple_of(2) && problem.staff > 1 {
        let one_fewer = Problem {
            staff: problem.staff - 1,
            ..problem.clone()
        };
        solve_from(&one_fewer, None).ok().map(|(_, values)| values)
    } else {
        None
    };
    solve_from(problem, start).map(|(plan, _)| plan)
}

/// Solves the model, from `start` (every variable's value, in the order they are made) within
/// [`ODD_STAFF_SECONDS`] when one is given; returns the plan and the values it stands on.
fn solve_from(problem: &Problem, start: Option<Vec<f64>>) -> Result<(Plan, Vec<f64>), PlanError> {
    let slots = slots(&problem.shifts);
    let max_k = usize::try_from(problem.max_teams_per_district.max(1)).unwrap_or(1);
    let value_of = |s: &Slot, d: usize| {
        problem
            .value
            .get(&(
                s.weekday,
                problem.shifts[s.shift].name.clone(),
                problem.districts[d].clone(),
            ))
            .copied()
            .filter(|v| v.is_finite() && *v > NO_VALUE)
            .unwrap_or(0.0)
    };

    // Slots that can matter: some district expects contacts there, or a rule names it.
    let named = |s: &Slot| {
        let name = &problem.shifts[s.shift].name;
        problem
            .requirements
            .iter()
            .any(|r| r.slots.iter().any(|(w, sh)| *w == s.weekday && sh == name))
            || problem
                .pins
                .iter()
                .any(|p| p.weekday == s.weekday && p.shift == *name && p.teams > 0)
    };
    let useful: Vec<usize> = (0..slots.len())
        .filter(|&s| {
            named(&slots[s]) || (0..problem.districts.len()).any(|d| value_of(&slots[s], d) > 0.0)
        })
        .collect();
    let weeks = weeks_of_one(&slots, &useful, problem.hours_per_week, MAX_WEEKS).ok_or_else(|| {
        PlanError::Invalid(format!(
            "more than {MAX_WEEKS} possible weeks for one person: too many shifts to weigh at once"
        ))
    })?;

    let mut vars = ProblemVariables::new();
    let people = vars.add_vector(
        variable().integer().min(0).max(f64::from(problem.staff)),
        weeks.len(),
    );
    let team: Vec<Vec<Vec<Variable>>> = slots
        .iter()
        .map(|_| {
            problem
                .districts
                .iter()
                .map(|_| vars.add_vector(variable().binary(), max_k))
                .collect()
        })
        .collect();
    let model = Model {
        slots,
        weeks,
        people,
        team,
    };

    let mut objective = Expression::from(0.0);
    for (s, slot) in model.slots.iter().enumerate() {
        for d in 0..problem.districts.len() {
            for k in 0..max_k {
                objective += value_of(slot, d) * decay(k) * model.team[s][d][k];
            }
        }
    }
    let mut lp = vars.maximise(objective).using(microlp);

    let teams_on = |s: usize| -> Expression { model.team[s].iter().flatten().sum() };
    let staff: Expression = model.people.iter().sum();
    lp.add_constraint(constraint!(staff <= f64::from(problem.staff)));
    for s in 0..model.slots.len() {
        let at_work: Expression = model
            .weeks
            .iter()
            .zip(&model.people)
            .filter(|(week, _)| week.contains(&s))
            .map(|(_, n)| *n)
            .sum();
        lp.add_constraint(constraint!(at_work >= 2.0 * teams_on(s)));
        for d in 0..problem.districts.len() {
            for k in 1..max_k {
                lp.add_constraint(constraint!(model.team[s][d][k] <= model.team[s][d][k - 1]));
            }
        }
    }
    for r in &problem.requirements {
        let mut n = Expression::from(0.0);
        for (weekday, shift) in &r.slots {
            if let Some(s) = model
                .slots
                .iter()
                .position(|x| x.weekday == *weekday && problem.shifts[x.shift].name == *shift)
            {
                n += teams_on(s);
            }
        }
        lp.add_constraint(constraint!(n >= f64::from(r.min_teams)));
    }
    for pin in &problem.pins {
        let (Some(shift), Some(d)) = (problem.shift(&pin.shift), problem.district(&pin.district))
        else {
            continue;
        };
        if let Some(s) = model
            .slots
            .iter()
            .position(|x| x.weekday == pin.weekday && x.shift == shift)
        {
            let n: Expression = model.team[s][d].iter().sum();
            lp.add_constraint(constraint!(n == f64::from(pin.teams)));
        }
    }

    let all: Vec<Variable> = model
        .people
        .iter()
        .chain(model.team.iter().flatten().flatten())
        .copied()
        .collect();
    if let Some(start) = start.filter(|v| v.len() == all.len()) {
        lp = lp
            .with_initial_solution(all.iter().copied().zip(start))
            .with_time_limit(ODD_STAFF_SECONDS);
    }
    let solution = lp.solve().map_err(|e| match e {
        good_lp::ResolutionError::Infeasible => PlanError::Infeasible(
            "the staff and their hours cannot cover the required and pinned shifts in teams of two with 11 hours of rest".into(),
        ),
        other => PlanError::Solver(other.to_string()),
    })?;
    let values = all.iter().map(|v| solution.value(*v)).collect();
    Ok((read_plan(problem, &model, &solution, value_of), values))
}

/// Teams per slot and district in the solution, less any team that meets no one and no rule
/// needs: the objective is indifferent to those, the staff are not.
fn teams_kept(
    problem: &Problem,
    model: &Model,
    solution: &impl Solution,
    value_of: &impl Fn(&Slot, usize) -> f64,
) -> Vec<Vec<usize>> {
    let mut teams: Vec<Vec<usize>> = model
        .team
        .iter()
        .map(|by_d| {
            by_d.iter()
                .map(|ks| ks.iter().filter(|v| solution.value(**v) > 0.5).count())
                .collect()
        })
        .collect();
    let slot_of = |weekday, shift: &str| {
        model
            .slots
            .iter()
            .position(|x| x.weekday == weekday && problem.shifts[x.shift].name == shift)
    };
    let pinned = |s: usize, d: usize| {
        problem.pins.iter().any(|p| {
            slot_of(p.weekday, &p.shift) == Some(s) && problem.district(&p.district) == Some(d)
        })
    };
    let rules_hold = |teams: &Vec<Vec<usize>>| {
        problem.requirements.iter().all(|r| {
            let n: usize = r
                .slots
                .iter()
                .filter_map(|(w, sh)| slot_of(*w, sh))
                .map(|s| teams[s].iter().sum::<usize>())
                .sum();
            n >= usize::try_from(r.min_teams).unwrap_or(usize::MAX)
        })
    };
    for (s, slot) in model.slots.iter().enumerate() {
        for d in 0..problem.districts.len() {
            if value_of(slot, d) > 0.0 || pinned(s, d) {
                continue;
            }
            while teams[s][d] > 0 {
                teams[s][d] -= 1;
                if !rules_hold(&teams) {
                    teams[s][d] += 1;
                    break;
                }
            }
        }
    }
    teams
}

fn read_plan(
    problem: &Problem,
    model: &Model,
    solution: &impl Solution,
    value_of: impl Fn(&Slot, usize) -> f64,
) -> Plan {
    let teams = teams_kept(problem, model, solution, &value_of);
    let mut weekly_team_shifts = vec![];
    let mut expected = 0.0;
    let mut team_hours = 0.0;
    for (s, slot) in model.slots.iter().enumerate() {
        for (d, district) in problem.districts.iter().enumerate() {
            let n = teams[s][d];
            if n == 0 {
                continue;
            }
            let contacts: f64 = (0..n).map(|k| value_of(slot, d) * decay(k)).sum();
            expected += contacts;
            #[allow(clippy::cast_precision_loss)]
            let hours = slot.hours() * n as f64;
            team_hours += hours;
            weekly_team_shifts.push(TeamShift {
                weekday: slot.weekday,
                shift: problem.shifts[slot.shift].name.clone(),
                district: district.clone(),
                teams: u32::try_from(n).unwrap_or(u32::MAX),
                expected_contacts: round2(contacts),
            });
        }
    }
    // Each slot keeps as many of the people the solver put on it as its teams need.
    let mut places: Vec<usize> = teams
        .iter()
        .map(|by_d| 2 * by_d.iter().sum::<usize>())
        .collect();
    let mut rota: Vec<Vec<(Weekday, String)>> = vec![];
    for (week, n) in model.weeks.iter().zip(&model.people) {
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let n = solution.value(*n).round().max(0.0) as usize;
        for _ in 0..n {
            let mut kept = vec![];
            for &s in week {
                if places[s] > 0 {
                    places[s] -= 1;
                    let slot = &model.slots[s];
                    kept.push((slot.weekday, problem.shifts[slot.shift].name.clone()));
                }
            }
            rota.push(kept);
        }
    }
    // Staff the plan does not need have a week off the field.
    rota.resize(usize::try_from(problem.staff).unwrap_or(0), vec![]);
    Plan {
        staff: problem.staff,
        weekly_team_shifts,
        expected_contacts_per_week: round2(expected),
        team_hours_per_week: round2(team_hours),
        rota,
    }
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}
