"""Builds the python-telegram-bot Application and runs it by long polling or by webhook."""

import logging

from telegram.ext import AIORateLimiter, Application
from telegram.request import HTTPXRequest

from bot.channels.telegram.config import Settings
from bot.channels.telegram.front_end import ALLOWED_UPDATES, FrontEnd
from bot.channels.telegram.rasa_client import RasaClient
from bot.safety.detector import RiskDetector

logger = logging.getLogger(__name__)

# Flood waits (RetryAfter) from Telegram are waited out and retried this many times.
FLOOD_RETRIES = 3
POLL_TIMEOUT_SECONDS = 30


def build_application(settings: Settings) -> Application:
    # Load the detector before the first update: it is what answers a crisis when Rasa cannot.
    front_end = FrontEnd(
        secret=settings.sender_secret,
        rasa=RasaClient(settings.rasa_url, settings.rasa_timeout),
        database_url=settings.database_url,
        detector=RiskDetector(),
    )

    async def post_init(application: Application) -> None:
        await front_end.register_commands(application)

    async def post_shutdown(application: Application) -> None:
        await front_end.rasa.close()

    application = (
        Application.builder()
        .token(settings.token)
        .base_url(settings.api_base_url)
        .request(HTTPXRequest(connection_pool_size=64, connect_timeout=5, read_timeout=10, write_timeout=10))
        # Long polls wait up to POLL_TIMEOUT_SECONDS for updates; python-telegram-bot adds that wait
        # to this read timeout.
        .get_updates_request(HTTPXRequest(connect_timeout=5, read_timeout=10, write_timeout=10))
        .rate_limiter(AIORateLimiter(max_retries=FLOOD_RETRIES))
        # Chats are served side by side; within one chat, FrontEnd keeps turns in order.
        .concurrent_updates(True)
        .post_init(post_init)
        .post_shutdown(post_shutdown)
        .build()
    )
    front_end.install(application)
    return application


def run(settings: Settings) -> None:
    application = build_application(settings)
    webhook = settings.webhook
    if webhook is None:
        logger.info("telegram.start mode=polling")
        # Updates that waited while the front-end was down are answered, not dropped.
        application.run_polling(
            allowed_updates=ALLOWED_UPDATES,
            timeout=POLL_TIMEOUT_SECONDS,
            drop_pending_updates=False,
            bootstrap_retries=-1,
        )
        return
    logger.info("telegram.start mode=webhook port=%d", webhook.port)
    # python-telegram-bot refuses (403) every request whose X-Telegram-Bot-Api-Secret-Token is
    # missing or wrong, and registers the URL and the secret with Telegram.
    application.run_webhook(
        listen=webhook.listen,
        port=webhook.port,
        url_path=webhook.path,
        webhook_url=webhook.url,
        secret_token=webhook.secret,
        allowed_updates=ALLOWED_UPDATES,
        drop_pending_updates=False,
        bootstrap_retries=-1,
    )
