FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY . .
RUN pip install --no-cache-dir -c requirements.lock . \
    && npm ci --omit=dev --no-audit --no-fund \
    && DJANGO_SETTINGS_MODULE=qis_portal.settings.local python manage.py collectstatic --noinput
USER nobody
EXPOSE 8000
