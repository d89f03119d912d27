"""A local module of the example app: the bundle must carry it beside app.py."""

from decimal import ROUND_HALF_UP, Decimal


def with_tax(price: float, percent: int) -> Decimal:
    gross = Decimal(str(price)) * (100 + percent) / 100
    return gross.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def describe(item: str, price: Decimal) -> str:
    return f"**{item}**: {price} EUR"
