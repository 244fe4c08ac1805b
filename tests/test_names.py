from quoteverify.names import canonical_name, same_person


def test_same_person_variants() -> None:
    for a, b in [
        ("Olivia Marsh", "Marsh"),
        ("Olivia Marsh", "Chair Olivia Marsh"),
        ("Olivia Marsh", "L.A. Mayor Marsh"),
        ("Olivia Marsh", "OLIVIA MARSH"),
        ("Jon Q. Tiller", "Jon Tiller"),
        ("Jon Tiller", "President Tiller"),
        ("Jon Tiller", "Sen. Jon Tiller (D)"),
        ("Renée Núñez", "Renee Nunez"),
    ]:
        assert same_person(a, b), (a, b)


def test_different_people() -> None:
    for a, b in [("Olivia Marsh", "Dana Whitfield"), ("Olivia Marsh", "Peter Marsh"), ("Marsh", "")]:
        assert not same_person(a, b), (a, b)


def test_canonical_name() -> None:
    assert canonical_name("Mayor Olivia Marsh (D)") == "Olivia Marsh"
    assert canonical_name("Marsh's") == "Marsh"
    assert canonical_name("Sen. Jon Tiller") == "Jon Tiller"
