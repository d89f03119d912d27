"""The benchmark app in NiceGUI's own idiom: a page function per client, state in a closure, refreshable output.

Run: python nicegui_app.py PORT [native]
"""

import sys

from nicegui import ui

PORT = int(sys.argv[1]) if len(sys.argv) > 1 else 8080
NATIVE = len(sys.argv) > 2 and sys.argv[2] == "native"


@ui.page("/")
def index() -> None:
    state = {"count": 0}

    ui.label("Counter benchmark").classes("text-h3")
    ui.label("Size")
    slider = ui.slider(min=0, max=100, value=10, on_change=lambda: body.refresh())

    def click() -> None:
        state["count"] += 1
        body.refresh()

    ui.button("Click me", on_click=click)

    @ui.refreshable
    def body() -> None:
        size = slider.value
        ui.markdown(f"Size is {size} and the button was clicked {state['count']} times.")
        for i in range(20):
            ui.label(f"Line {i + 1}: {size} x {i + 1} = {size * (i + 1)}")

    body()


if __name__ == "__main__":  # imported by nicegui_native_app.py for its page only
    ui.run(host="127.0.0.1", port=PORT, reload=False, show=False, native=NATIVE, show_welcome_message=False,
           title="Counter benchmark")
