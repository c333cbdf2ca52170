"""People and the posts they hold (extract/entities.py): memberships read from "Name, Post Body"."""

from __future__ import annotations

import pytest

from lskg.extract.entities import EntityExtractor

from .conftest import source_text


@pytest.mark.parametrize("post, code", [("Phó Chủ tịch", "vice-chairman"), ("Chủ tịch", "chairman"),
                                        ("Phó Chủ tịch Thường trực", "standing-vice-chairman")])
def test_a_deputy_post_keeps_its_body(reference, post, code):
    # own wording: the post "Chủ tịch UBND tỉnh" lies inside "Phó Chủ tịch UBND tỉnh"; the deputy
    # serves in the same body (the scale generator's recall check found these memberships lost)
    src = source_text(f"Đồng chí Hoàng Văn Nam, {post} UBND tỉnh chủ trì hội nghị.")
    _mentions, memberships = EntityExtractor(reference).extract(src)
    assert [(m.person, m.post.rsplit("/", 1)[-1], m.organization) for m in memberships] == [
        ("person/hoang-van-nam", code, "org/tinh-lang-son/ubnd")]
