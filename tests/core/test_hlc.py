from crm.hlc import MAX_COUNTER, HybridClock


def test_stamps_increase_across_reservations_and_counter_overflow() -> None:
    clock = HybridClock()
    stamps = [clock.now(), *clock.reserve(MAX_COUNTER + 5), clock.now()]
    assert stamps == sorted(stamps)
    assert len(set(stamps)) == len(stamps)
    assert all(len(s) == 20 for s in stamps)


def test_observe_moves_past_remote_time() -> None:
    clock = HybridClock()
    remote = "9999999999999-000007"
    clock.observe(remote)
    assert clock.now() > remote
