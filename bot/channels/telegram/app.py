"""Builds the python-telegram-bot Application and runs it by long polling or by webhook."""

import logging

from telegram.error import BadRequest, NetworkError
from telegram.ext import AIORateLimiter, Application, ContextTypes
from telegram.request import HTTPXRequest

from bot.channels.telegram.commands import Commands
from bot.channels.telegram.config import Settings
from bot.channels.telegram.front_end import FrontEnd
from bot.channels.telegram.messages import Messages
from bot.channels.telegram.presses import Presses
from bot.channels.telegram.rasa_client import RasaClient
from bot.safety.detector import RiskDetector

logger = logging.getLogger(__name__)

ALLOWED_UPDATES = ["message", "edited_message", "callback_query"]

# Flood waits (RetryAfter) from Telegram are waited out and retried this many times.
FLOOD_RETRIES = 3
POLL_TIMEOUT_SECONDS = 30


def build_application(settings: Settings) -> Application:
    # Load the detector before the first update: it is what answers a crisis when Rasa cannot.
    front_end = FrontEnd(
        secret=settings.sender_secret,
        rasa=RasaClient(settings.rasa_url, settings.rasa_timeout, settings.front_end_secret),
        detector=RiskDetector(),
    )
    commands = Commands(front_end, settings.database_url)

    async def post_init(application: Application) -> None:
        await commands.register(application)

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
    # Commands first: they are text messages too, and the first handler that matches answers.
    for handlers in (commands, Messages(front_end), Presses(front_end, commands)):
        application.add_handlers(handlers.handlers())
    application.add_error_handler(log_failure)
    return application


async def log_failure(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    # The type (and for bugs the traceback) only: never the update, which holds the message and
    # the chat id. Network errors are retried by python-telegram-bot's polling; one line each.
    if isinstance(context.error, NetworkError) and not isinstance(context.error, BadRequest):
        logger.warning("telegram.network.failure %s", type(context.error).__name__)
        return
    logger.error("telegram.update.failure %s", type(context.error).__name__, exc_info=context.error)


def run(settings: Settings) -> None:
    application = build_application(settings)
    if settings.front_end_secret is None:
        logger.warning("telegram.front_end_secret.unset: the audit counts this front-end's escalations as rest")
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
