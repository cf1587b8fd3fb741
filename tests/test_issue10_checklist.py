"""Issue 10: each of the ten points that made the product hard to work in all day has a test that would have caught
it. This file is the map (point → tests), and it fails when a mapped test is renamed or removed, so the map cannot
quietly rot. The tests themselves live next to the code they test; the role walkthroughs
(``tests/browser/test_role_walkthroughs.py``) cover several points at once, in Dutch and in English.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
WALK = "tests/browser/test_role_walkthroughs.py"

CHECKLIST: dict[int, tuple[str, list[str]]] = {
    1: (
        "Date of birth: month '3' as the hint writes it is accepted; a bad month is reported under Month, not Year",
        [
            "src/ketensignaal/intake/tests/test_signal_form_views.py::test_month_as_the_hint_writes_it_is_accepted",
            "src/ketensignaal/intake/tests/test_signal_form_views.py::test_bad_month_is_reported_under_month_not_year",
            "src/ketensignaal/intake/tests/test_signal_form_views.py::test_impossible_day_is_reported_under_day",
            f"{WALK}::test_reporter_submits_a_signal",
            "tests/browser/test_acute_and_information_loop.py::test_acute_signal_from_report_to_taken_over_and_closed",
        ],
    ),
    2: (
        "Acute signals: at once with the unit on duty, due in hours, on top of every inbox, the alarm leads to a page "
        "with actions; 'Volgende' without a choice is an error at the field",
        [
            "src/ketensignaal/routing/tests/test_acute_path.py::test_acute_signal_is_held_by_the_duty_unit_with_a_deadline_in_hours",
            "src/ketensignaal/routing/tests/test_acute_path.py::test_acute_signal_heads_every_inbox_that_has_it",
            "src/ketensignaal/routing/tests/test_acute_path.py::test_alarm_recipient_at_another_unit_can_take_over_then_forward_or_close",
            "src/ketensignaal/intake/tests/test_signal_form_views.py::test_acute_question_without_a_choice_shows_the_error_at_the_field",
            "tests/browser/test_acute_and_information_loop.py::test_acute_signal_from_report_to_taken_over_and_closed",
            f"{WALK}::test_reporter_submits_a_signal",
        ],
    ),
    3: (
        "LRO decisions: no default decision, change/withdraw before closing, a repeated submit records one decision "
        "and one LIV trajectory, closing asks for confirmation, recipients are shown before anything is shared",
        [
            "src/ketensignaal/coordination/tests/test_lro_decisions.py::test_the_form_chooses_nothing_and_a_missing_choice_is_an_error_at_the_field",
            "src/ketensignaal/coordination/tests/test_lro_decisions.py::test_a_repeated_submit_records_one_decision_and_one_liv_trajectory",
            "src/ketensignaal/coordination/tests/test_lro_decisions.py::test_change_in_place_and_change_of_owner_before_closing",
            "src/ketensignaal/coordination/tests/test_lro_decisions.py::test_withdraw_needs_a_reason_and_takes_back_an_unweighed_liv_request",
            "src/ketensignaal/coordination/tests/test_lro_decisions.py::test_closing_asks_for_confirmation_and_then_fixes_everything",
            "src/ketensignaal/coordination/tests/test_lro_decisions.py::test_putting_forward_shows_recipients_and_shares_only_after_confirmation",
            "tests/browser/test_acute_and_information_loop.py::test_lro_put_forward_decide_change_and_close_with_confirmation",
            f"{WALK}::test_lro_member_records_a_decision_in_the_meeting",
        ],
    ),
    4: (
        "The 'more information' loop: the asked unit is notified, sees the question on top, answers in place; the "
        "asker keeps a 'waiting on others' view; one name for the state",
        [
            "src/ketensignaal/routing/tests/test_information_request.py::test_the_whole_loop_across_organisations",
            "src/ketensignaal/routing/tests/test_information_request.py::test_one_state_name_everywhere",
            "tests/browser/test_acute_and_information_loop.py::test_information_request_loop",
        ],
    ),
    5: (
        "Lists with who and what, and links: inbox, tasks, LIV list",
        [
            f"{WALK}::test_handler_takes_assesses_and_forwards",
            f"{WALK}::test_lro_member_records_a_decision_in_the_meeting",
            f"{WALK}::test_liv_staff_runs_a_trajectory_to_its_pdf",
        ],
    ),
    6: (
        "No codes or jargon on screen (invalid_params, flow codes, script codes, matching formulas, '(?)'); Dutch "
        "labels for codes; one date format",
        [
            "tests/browser/test_person_linking.py::test_analyst_links_signal_to_person_and_sees_timeline",
            "tests/browser/test_ui_language_check.py::test_the_jargon_check_flags_codes_and_ids",
        ],
    ),
    7: (
        "No internal ids as input: LIV staff chosen by name, the processing log searched by name (with a hint)",
        [
            "src/ketensignaal/trajectories/tests/test_no_default_decision_on_screen.py::test_liv_staff_are_chosen_by_name_not_typed",
            "tests/governance/test_processing_log_search_by_name.py::test_search_by_name_finds_the_persons_processing_in_plain_words",
            "tests/governance/test_processing_log_search_by_name.py::test_a_name_that_finds_nobody_says_why",
            "tests/browser/test_privacy_officer.py::test_access_request_and_access_review",
        ],
    ),
    8: (
        "One look: no id used twice on a page, no LIV factor answered by default, the admin in the user's language",
        [
            "src/ketensignaal/trajectories/tests/test_no_default_decision_on_screen.py::test_an_unrecorded_factor_preselects_nothing",
            "tests/browser/test_ui_language_check.py::test_the_duplicate_id_check_finds_an_id_used_twice",
            f"{WALK}::test_functional_admin_changes_the_configuration",
        ],
    ),
    9: (
        "English complete: every msgid translated, no unmarked template text, every role's path without Dutch on an English page",
        [
            "tests/test_english_complete.py::test_every_marked_message_has_an_english_translation",
            "tests/test_english_complete.py::test_no_template_shows_unmarked_text",
            "tests/test_english_complete.py::test_dutch_whatever_the_browser_asks_english_by_choice",
            "tests/browser/test_ui_language_check.py::test_untranslated_dutch_is_found_and_data_is_not",
            f"{WALK}::test_reporter_submits_a_signal",
            f"{WALK}::test_handler_takes_assesses_and_forwards",
            f"{WALK}::test_hub_analyst_links_asks_naslag_and_puts_forward_to_the_lro",
            f"{WALK}::test_lro_member_records_a_decision_in_the_meeting",
            f"{WALK}::test_liv_staff_runs_a_trajectory_to_its_pdf",
            f"{WALK}::test_privacy_officer_checks_the_log_access_and_a_subject_request",
            f"{WALK}::test_functional_admin_changes_the_configuration",
        ],
    ),
    10: (
        "Browser tests never skip: make test installs axe-core, a browser test that cannot run fails",
        [
            "tests/test_make_test_runs_browser_tests.py::test_make_test_installs_axe_core_when_node_modules_lacks_it",
            "tests/test_make_test_runs_browser_tests.py::test_a_browser_test_without_axe_core_fails_rather_than_skips",
            "tests/test_make_test_runs_browser_tests.py::test_the_browser_conftest_has_no_skip",
            "tests/browser/test_acute_and_information_loop.py::test_acute_signal_from_report_to_taken_over_and_closed",
        ],
    ),
}


@cache
def _tests_in(path: str) -> set[str]:
    tree = ast.parse((REPO / path).read_text(encoding="utf-8"))
    return {node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")}


def test_the_checklist_covers_all_ten_points() -> None:
    assert sorted(CHECKLIST) == list(range(1, 11))
    assert all(tests for _, tests in CHECKLIST.values())


@pytest.mark.parametrize("point", sorted(CHECKLIST))
def test_every_mapped_test_exists(point: int) -> None:
    missing = []
    for node_id in CHECKLIST[point][1]:
        path, name = node_id.split("::")
        if not (REPO / path).exists() or name not in _tests_in(path):
            missing.append(node_id)
    assert not missing, f"point {point} ({CHECKLIST[point][0][:60]}…) maps to tests that do not exist: {missing}"


def test_browser_pages_of_point_10_are_checked_by_axe() -> None:
    """axe-core had never run on /notificaties, the overdue list or the acute confirmation page."""
    sources = "\n".join(p.read_text(encoding="utf-8") for p in (REPO / "tests" / "browser").glob("test_*.py"))
    for page in ("/notificaties", "/inbox/termijn-verstreken", "acute-confirmation"):
        assert page in sources, f"no browser test visits {page}"
