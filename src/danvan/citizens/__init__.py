"""Citizens and grassroots democracy (issue #12): petitions on the legal clock with a sealed denouncer identity,
public feedback with a tracking code, citizen receptions and dialogues, what a commune must publicise, and
consultations. Commitments become tasks of `activities`; messages go through `notifications`."""
