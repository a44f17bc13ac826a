"""Messages, venues and wire copy, read over the propositions (record/reading.py, talks.py) and the
mentions (a dateline is where a report was filed). Our own sentences."""

from __future__ import annotations

import pytest

from record_digest import digest


def test_a_wire_dateline_is_where_the_report_was_filed_not_a_party(code_text):
    result = code_text("NAIROBI, 3 March (wire) - Somalia and Kenya held talks in Djibouti on 2 March 2026.")
    assert {a.code for e in result.events for a in (e.source, e.target) if a is not None} == {"SOM", "KEN"}
    assert digest(result.record)["channels"] == ["KEN-SOM s1 2026-03-02 held talks by - | mediator - | venue Djibouti | first - | in -"]


def test_a_capital_written_in_capitals_without_a_dateline_shape_is_still_a_party(code_text):
    result = code_text("NAIROBI rejected the demand from Mogadishu on 2 March 2026.")
    assert any(e.source is not None and e.source.country == "KEN" for e in result.events)


def test_a_message_s_own_participle_and_whom_it_speaks_to(code_text):
    record = code_text("Egypt's letter, delivered by an Egyptian envoy on 3 May 2026, asked Ethiopia to halt the filling.").record
    (comm,) = record.communications
    assert (comm.sender.country, comm.recipient.country, comm.date.date) == ("EGY", "ETH", "2026-05-03")


def test_what_a_reply_s_author_does_in_it_is_said_in_the_reply(code_text):
    text = ("Kenya's president wrote to the Somali president on 1 March 2026 to suggest talks. In a reply sent on 3 March, "
            "the Somali president consented to talks.")
    d = digest(code_text(text).record)
    assert d["communications"][1] == "c2 reply SOMGOV>KENGOV 2026-03-03 | sent 2026-03-03 SOMGOV | answers c1 | items - | deadlines -"
    assert "KEN-SOM s2 2026-03-03 agreed talks by SOMGOV | mediator - | venue - | first - | in c2" in d["channels"]


def test_a_summit_of_three_is_one_channel_with_its_venue_in_apposition(code_text):
    text = "The presidents of Kenya, Uganda and Tanzania held a summit in the Tanzanian capital, Dodoma, on 3 July 2026."
    assert digest(code_text(text).record)["channels"] == [
        "KEN-TZA-UGA s1 2026-07-03 held talks by - | mediator - | venue Dodoma | first - | in -"
    ]


def test_a_venue_pressed_for_is_a_proposal_not_a_demand_of_its_state(code_text):
    text = "Cyprus and Turkey held talks in Geneva on 18 September 2024. Nicosia pressed for New York as the venue of the next round."
    record = code_text(text).record
    assert "CYP-TUR s2 2024-09-18 proposed talks by CYPGOV | mediator - | venue New York | first - | in -" in digest(record)["channels"]
    assert not record.demands


@pytest.mark.parametrize(
    ("rest", "received"),
    [
        ("Somalia's foreign ministry confirmed receipt the same day.", "received 2026-03-01 SOMGOV"),
        # the parser reads "receipt" as a verb after "confirmed" here
        ("The Somali government denied on 2 March that it had received it. It confirmed receipt the following afternoon.",
         "received 2026-03-03 SOMGOV"),
        ("The Somali government acknowledged receipt on 4 March.", "received 2026-03-04 SOMGOV"),
    ],
)
def test_a_part_of_the_message_just_named_alone(code_text, rest, received):
    (line,) = digest(code_text(f"Kenya sent a letter to Somalia on 1 March 2026. {rest}").record)["communications"]
    assert received in line, line


def test_an_envoy_of_the_sender_s_side_named_apart_carries_the_letter(code_text):
    text = ("Kenya's president wrote to the Somali president on 1 March 2026. A Kenyan envoy, Daniel Kiprono, carried the "
            "letter to Mogadishu and handed it over on 2 March.")
    (comm,) = code_text(text).record.communications
    assert comm.carrier is not None and comm.carrier.name == "Daniel Kiprono"
    assert [(s.state, s.date.date) for s in comm.states if s.state == "delivered"] == [("delivered", "2026-03-02")]


def test_an_offer_named_by_its_noun_under_a_light_verb_and_its_refusal(code_text):
    text = "On 3 July 2026 Uzbekistan made an offer to buy surplus water from Kyrgyzstan's reservoir. The Kyrgyz president refused the offer the next day."
    d = digest(code_text(text).record)
    assert d["demands"] == ["d1 offer - 2026-07-03 UZB>KGZ water - rejected: buy surplus water from Kyrgyzstan's reservoir"]
    assert d["positions"] == ["p1 2026-07-04 KGZGOV rejects the offer | on d1 | in -"]


def test_a_message_described_as_unanswered_is_not_answered_by_its_addressee(code_text):
    text = "Kenya sent a letter to Somalia on 1 March 2026. As of 14 April the letter remained unanswered."
    (line,) = digest(code_text(text).record)["communications"]
    assert line == "c1 letter KEN>SOM 2026-03-01 | sent 2026-03-01 KEN; not_answered 2026-04-14 SOM | answers - | items - | deadlines -"


def test_a_reply_sent_through_a_channel_answers_what_the_replier_was_sent(code_text):
    text = "Washington sent a message to Tehran through Swiss diplomats on 1 June 2026. Tehran replied through the same channel a week later."
    d = digest(code_text(text).record)["communications"]
    assert d[1] == "c2 reply IRNGOV>USAGOV 2026-06-08 | sent 2026-06-08 IRNGOV | answers c1 | items - | deadlines -"


def test_a_public_response_is_no_reply(code_text):
    text = "Chile sent a note to Peru on 1 June 2026. On 3 June Peru's president responded by stating that the border was closed."
    assert [c.kind for c in code_text(text).record.communications] == ["note"]


def test_a_letter_in_a_relative_clause_with_its_sender_and_addressee(code_text):
    text = "The offer came in a letter that the Russian prime minister sent to his Armenian counterpart on 28 September 2026."
    (line,) = digest(code_text(text).record)["communications"]
    assert line == "c1 letter RUSGOV>ARMGOV 2026-09-28 | sent 2026-09-28 RUSGOV | answers - | items - | deadlines -"


def test_terms_proposed_in_a_letter_are_an_offer_it_carries_but_talks_proposed_are_no_item(code_text):
    text = "Chile's president wrote to the Peruvian president on 2 March 2026 proposing an exchange of prisoners."
    (item,) = code_text(text).record.demands
    assert (item.kind, item.text, item.communication) == ("offer", "an exchange of prisoners", "c1")
    talks = code_text("Chile's president wrote to the Peruvian president on 2 March 2026 proposing talks on the border.").record
    assert not talks.demands


def test_a_dateline_s_day_is_when_the_report_was_filed_and_what_on_monday_counts_from(code_text):
    text = "OSLO, 15 May (wire) - Sudan's foreign ministry sent a diplomatic note to South Sudan through Norway on Monday."
    result = code_text(text, date="2026-05-15")
    (line,) = digest(result.record)["communications"]
    assert line.startswith("c1 note SDNGOV>SSD via NOR 2026-05-11 | sent 2026-05-11 SDNGOV")


def test_a_past_perfect_with_its_own_day_is_on_that_day_not_by_it(code_text):
    text = ("Kenya sent a note to Somalia on 12 May 2026. The note, which the Kenyan foreign minister had drafted on 10 May, "
            "asked for talks.")
    (comm,) = code_text(text).record.communications
    (written,) = [s for s in comm.states if s.state == "written"]
    assert (written.date.date, written.date.flag) == ("2026-05-10", None)


def test_an_envoy_described_apart_from_the_sender_carries_the_letter(code_text):
    text = "On 3 May 2026 Kenya's president sent a letter to Ethiopia's prime minister. It was delivered by a Kenyan envoy on 5 May."
    (line,) = digest(code_text(text).record)["communications"]
    assert line == ("c1 letter KENGOV>ETHGOV via KENGOV 2026-05-03 | sent 2026-05-03 KENGOV; delivered 2026-05-05 KENGOV "
                    "| answers - | items - | deadlines -")


def test_a_dateline_s_day_anchors_a_story_that_has_no_date_of_its_own(code_text):
    result = code_text("NAIROBI, 3 March 2026 (wire) - Somalia and Kenya held talks in Djibouti on Monday.")
    assert {e.date.date for e in result.events} == {"2026-03-02"}


@pytest.mark.parametrize(
    "demand",
    [
        "On 2 June 2026 Ecuador demanded that Peru release eleven fishermen within ten days.",
        "On 2 June 2026 Ecuador insisted that Peru release the two detained engineers.",
        "Ecuador demanded on 2 June 2026 that Peru free the crew of the trawler by the end of the week.",
    ],
)
def test_a_demand_to_release_people_is_about_prisoners_whatever_its_words(code_text, demand):
    """The item's act (CAMEO 1053, a demand for a release) gives its topic (record.yaml
    items.topic_codes), before a word of a later topic ("within": deadline) or none."""
    (item,) = code_text(demand).record.demands
    assert (item.kind, item.topic, item.cameo) == ("demand", "prisoners", "1053")
