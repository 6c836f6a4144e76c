# quizbot, the Discord bot, in a container.
#   docker build -t quizbot .
#   docker run -d --name quizbot -e DISCORD_TOKEN=... -v quizbot-data:/data quizbot
# The SQLite database lives in the /data volume; the notes are baked in from content/
# (mount your own over /app/content to change them without rebuilding).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# git fetches the servers' notes repositories (no hooks, no submodules are ever run).
RUN apt-get update \
    && apt-get install -y --no-install-recommends git ca-certificates \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app

# The package first, so that editing notes does not reinstall the dependencies.
COPY pyproject.toml README.md ./
COPY bot ./bot
RUN pip install .

COPY alembic.ini ./
COPY migrations ./migrations
COPY content ./content

RUN useradd --system --create-home --uid 10001 quizbot \
    && mkdir -p /data \
    && chown quizbot /data

ENV QUIZBOT_DATABASE_URL=sqlite+aiosqlite:////data/quizbot.db \
    QUIZBOT_CONTENT_DIR=/app/content

VOLUME ["/data"]
USER quizbot

HEALTHCHECK --interval=60s --timeout=10s --start-period=60s --retries=3 \
    CMD ["quizbot", "health"]

CMD ["quizbot", "run"]
