"""A bare tornado WebSocket echo server on 127.0.0.1 (tornado's defaults): the floor for a rerun round trip.

Run: python floor_server.py PORT
"""

from __future__ import annotations

import asyncio
import sys

import tornado.web
import tornado.websocket


class Echo(tornado.websocket.WebSocketHandler):
    def on_message(self, message):
        self.write_message(message, binary=isinstance(message, bytes))


class Health(tornado.web.RequestHandler):
    def get(self):
        self.write("ok")


async def main(port: int) -> None:
    app = tornado.web.Application([(r"/ws", Echo), (r"/health", Health)])
    app.listen(port, address="127.0.0.1")
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1])))
