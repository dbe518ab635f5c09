using Microsoft.Extensions.Options;
using Polly;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;

namespace CampaignEngine.Web.Features.Sending.Channels;

/// <summary>
/// Telegram Bot API <c>sendMessage</c> with the short text. The base URL is configurable (a local Bot API
/// server, or a stub in tests). The library's own 429 retry is off: waiting is decided in one place,
/// <see cref="ProviderResilience"/>, so a long Retry-After goes back to the ledger instead of blocking a worker.
/// </summary>
internal sealed class TelegramSender(IHttpClientFactory clients, IOptions<TelegramOptions> options) : IChannelSender
{
    public const string HttpClientName = "telegram";
    private readonly TelegramOptions _options = options.Value;
    private readonly ResiliencePipeline<SendOutcome> _pipeline = ProviderResilience.Build(options.Value);

    public Task<SendOutcome> SendAsync(OutgoingMessage message, CancellationToken cancellationToken) =>
        _pipeline.RunAsync(ct => AttemptAsync(message, ct), "telegram", cancellationToken);

    private async ValueTask<SendOutcome> AttemptAsync(OutgoingMessage m, CancellationToken cancellationToken)
    {
        var settings = new TelegramBotClientOptions(_options.Token!, string.IsNullOrWhiteSpace(_options.BaseUrl) ? null : _options.BaseUrl)
        {
            RetryCount = 0,
        };
        var bot = new TelegramBotClient(settings, clients.CreateClient(HttpClientName), cancellationToken);
        try
        {
            var sent = await bot.SendMessage(ChatFor(m.Address), m.Short, cancellationToken: cancellationToken);
            return SendOutcome.Sent($"{sent.Chat.Id}:{sent.MessageId}");
        }
        catch (ApiRequestException ex)
        {
            var error = $"telegram: {ex.ErrorCode} {ChannelErrors.Redact(ex.Message)}";
            return ex.ErrorCode switch
            {
                429 => SendOutcome.Failed(error, permanent: false, TimeSpan.FromSeconds(ex.Parameters?.RetryAfter ?? 30)),
                >= 500 => SendOutcome.Failed(error, permanent: false),
                // 403: the person blocked the bot or deleted the account; 400: chat not found, bad text. Retrying cannot help.
                400 or 403 => SendOutcome.Failed(error, permanent: true),
                // 401/404: our token is wrong — an operator can fix it, so the ledger keeps trying, slowly.
                _ => SendOutcome.Failed(error, permanent: false, HttpOutcomes.AfterConfigurationError),
            };
        }
        catch (RequestException ex) when (ex is not ApiRequestException)
        {
            // Not a Bot API answer at all: a proxy error page, a malformed body, or the connection dropped.
            // An unreadable 2xx may have been delivered: no retry within the call (see HttpOutcomes).
            return ex.HttpStatusCode is { } code
                ? SendOutcome.Failed($"telegram: malformed response (HTTP {(int)code})", permanent: false,
                    (int)code is >= 200 and < 300 ? HttpOutcomes.AfterMalformedAnswer : null)
                : SendOutcome.Failed("telegram: no answer", permanent: false);
        }
    }

    /// <summary>A numeric chat id when we have one (users who talked to the bot), otherwise the public @username.</summary>
    private static ChatId ChatFor(string address) =>
        long.TryParse(address, out var id) ? new ChatId(id) : new ChatId(address.StartsWith('@') ? address : "@" + address);
}
