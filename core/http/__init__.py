"""Porch's HTTP and WebSocket endpoints, one module per endpoint, with :mod:`porch.http.routes` mapping URLs to them.

The handlers see the engine only through the :class:`porch.http.base.HttpEngine` protocol, never through
``porch.engine.Engine`` itself: the engine builds on this layer and not the other way round, and a test can serve the
endpoints from any object that has the few members they read. Nothing is imported here, so ``import porch.http.routes``
costs only what the routes need.
"""
