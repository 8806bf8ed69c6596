# llmref in a container, installed from the same wheel CI checks (the bundled catalogue is
# inside it). Build the wheel first, then the image:
#   make wheel && docker build -t llmref . && docker run --rm -p 8000:8000 llmref
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# The exact runtime versions CI tested (requirements.lock) constrain the wheel's dependencies.
COPY requirements.lock /tmp/requirements.lock
COPY dist/ /tmp/dist/
RUN pip install --constraint /tmp/requirements.lock /tmp/dist/llmref-*.whl \
 && rm -rf /tmp/dist /tmp/requirements.lock \
 && useradd --create-home --uid 10001 llmref

USER llmref
WORKDIR /home/llmref
ENV LLMREF_HOME=/home/llmref/data
# Build the catalogue store at image build time, so a container serves from its first second.
RUN llmref show gpt-4o-mini >/dev/null

EXPOSE 8000
CMD ["llmref", "serve", "--host", "0.0.0.0", "--port", "8000"]
