//! The benchmark workload generator (examples/graph_workload/workload.rs)
//! against the reference implementation's output, and the library graph's
//! Q1/Q2 answers against a brute-force scan of a small workload.

#[path = "../examples/graph_workload/workload.rs"]
mod workload;

use eventgraph::{Actor, ActorId, ActorKind, EventKind, GraphBuilder, NewEvent, Role};

fn tsv_sha(n_events: usize, n_actors: usize) -> (String, String) {
    let events = workload::generate_events(n_events, n_actors);
    let mut bytes = Vec::new();
    workload::write_events_tsv(&events, &mut bytes).unwrap();
    let queries = workload::generate_queries(n_actors);
    (
        workload::sha256_hex(&bytes),
        workload::sha256_hex(workload::queries_json(&queries).as_bytes()),
    )
}

#[test]
fn small_workloads_match_the_reference_generator() {
    // `N_EVENTS=1000 N_ACTORS=100 python3 workload.py dump` and the same with
    // 20000 / 2000 printed these hashes.
    assert_eq!(
        tsv_sha(1000, 100),
        (
            "b4ba37b9b28e3b8745e124a4a00d1656a82fa8894e25e0a600de2271f52dcc27".to_string(),
            "33424811d1a0b75f2433c65e79a8a7fe4a5a147b32f91a886ebb4955de0ffd8d".to_string()
        )
    );
    assert_eq!(
        tsv_sha(20000, 2000),
        (
            "50a4fb19d313ee437b9538a4c6b94fd78e795d6b7975a1429fd06c7df89d8a53".to_string(),
            "e0a98d2534b93e5cebc848ae7aa573cb2294825a0f61e83d39e137b0512e3e67".to_string()
        )
    );
}

#[test]
fn the_full_workload_matches_workload_md() {
    let events = workload::generate_events(1_000_000, 100_000);
    assert_eq!(events.actors.len(), 2_499_562);
    let mut counts = [0usize; 5];
    for &t in &events.types {
        counts[t as usize] += 1;
    }
    assert_eq!(counts, [250_125, 149_760, 199_902, 300_158, 100_055]);
    let hub = (0..events.len())
        .filter(|&i| events.actors_of(i).contains(&0))
        .count();
    assert_eq!(hub, 193_581);
    let mut bytes = Vec::with_capacity(30 << 20);
    workload::write_events_tsv(&events, &mut bytes).unwrap();
    assert_eq!(
        workload::sha256_hex(&bytes),
        "bb967ea4e2db5b5d682198ed9a875accf357613c1be1f6535f4a62eed2f3e5f8"
    );
    let queries = workload::generate_queries(100_000);
    assert_eq!(
        workload::sha256_hex(workload::queries_json(&queries).as_bytes()),
        "99284338cb3df127c7a83ff5b2438bfd872fa052bc6d1fff0ab8d7b58b049b88"
    );
}

#[test]
fn graph_answers_match_a_brute_force_scan() {
    let events = workload::generate_events(30_000, 3_000);
    let queries = workload::generate_queries(3_000);
    let mut builder = GraphBuilder::new();
    let actors: Vec<ActorId> = (0..events.n_actors)
        .map(|r| builder.add_actor(Actor::new(format!("actor {r}"), ActorKind::Person)))
        .collect();
    let mut workload_id = std::collections::HashMap::new();
    let kinds = [
        EventKind::Meet,
        EventKind::Visit,
        EventKind::Call,
        EventKind::Statement,
        EventKind::Mobilize,
    ];
    for i in 0..events.len() {
        let parts: Vec<(ActorId, Role)> = events
            .actors_of(i)
            .iter()
            .map(|&a| (actors[a as usize], Role::Participant))
            .collect();
        let external = i.to_string();
        let mut new = NewEvent::day(
            kinds[events.types[i] as usize],
            i32::from(events.days[i]),
            &parts,
        );
        new.external_id = Some(&external);
        workload_id.insert(builder.add_event(&new).unwrap(), i as u64);
    }
    let graph = builder.build();
    assert_eq!(graph.n_events(), events.len());
    for q in queries.q1.iter().chain(&queries.q1_hub).take(300) {
        let found = graph.events_of_actor(actors[q.actor as usize], q.from as i32, q.to as i32 - 1);
        let sum: u64 = found.iter().map(|id| workload_id[id]).sum();
        assert_eq!(
            (found.len() as u64, sum),
            workload::reference_q1(&events, q),
            "{q:?}"
        );
    }
    let all = workload::reference_q1_all(&events, &queries.q1);
    let one_by_one: Vec<(u64, u64)> = queries
        .q1
        .iter()
        .map(|q| workload::reference_q1(&events, q))
        .collect();
    assert_eq!(all, one_by_one);
    let rank = |a: ActorId| actors.iter().position(|&x| x == a).unwrap() as u64;
    for q in &queries.q2 {
        let pairs = graph.pairs_in(&[EventKind::Meet], q.from as i32, q.to as i32 - 1);
        let sum: u64 = pairs
            .iter()
            .map(|&(a, b)| {
                let (ra, rb) = (rank(a), rank(b));
                ra.min(rb) * 3_000 + ra.max(rb)
            })
            .sum();
        assert_eq!(
            (pairs.len() as u64, sum),
            workload::reference_q2(&events, q),
            "{q:?}"
        );
    }
}
