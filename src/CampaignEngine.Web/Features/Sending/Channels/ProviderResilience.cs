using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace CampaignEngine.Web.Features.Sending.Channels;

/// <summary>
/// One short in-call retry for transient provider answers, each attempt under a timeout. A provider
/// that asks us to wait longer than <see cref="MaxInCallWait"/> is not waited for here: the outcome
/// goes back to the ledger with its Retry-After, which frees the worker and survives a restart.
/// </summary>
internal static class ProviderResilience
{
    public static readonly TimeSpan MaxInCallWait = TimeSpan.FromSeconds(5);

    public static ResiliencePipeline<SendOutcome> Build(ChannelOptions options, int retries = 2) =>
        new ResiliencePipelineBuilder<SendOutcome>()
            .AddRetry(new RetryStrategyOptions<SendOutcome>
            {
                MaxRetryAttempts = retries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(200),
                ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
                {
                    { Exception: TimeoutRejectedException or HttpRequestException } => true,
                    { Result: { Ok: false, Permanent: false } r } => r.RetryAfter is null || r.RetryAfter <= MaxInCallWait,
                    _ => false,
                }),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result?.RetryAfter),
            })
            .AddTimeout(TimeSpan.FromSeconds(Math.Max(1, options.TimeoutSeconds)))
            .Build();

    /// <summary>Runs <paramref name="attempt"/> through the pipeline; exceptions that remain become transient outcomes.</summary>
    public static async Task<SendOutcome> RunAsync(
        this ResiliencePipeline<SendOutcome> pipeline, Func<CancellationToken, ValueTask<SendOutcome>> attempt,
        string channel, CancellationToken cancellationToken)
    {
        try
        {
            return await pipeline.ExecuteAsync(attempt, cancellationToken);
        }
        catch (TimeoutRejectedException ex)
        {
            return SendOutcome.Failed($"{channel}: timeout after {ex.Timeout.TotalSeconds:0} s", permanent: false);
        }
        catch (HttpRequestException ex)
        {
            // The message of a connection error names host and port, never the recipient or the token.
            return SendOutcome.Failed($"{channel}: connection failed ({ex.HttpRequestError})", permanent: false);
        }
    }
}
