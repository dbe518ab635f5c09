namespace CampaignEngine.Web.Features.Responses.Desk;

/// <summary>
/// Hangfire job keyed by the answer's id: puts one stored answer in the send ledger on the channel the person wrote on.
/// PLACEHOLDER while issue 16's "answers" part is built in its own branch: it must not land as is.
/// </summary>
internal sealed class AnswerDelivery(ILogger<AnswerDelivery> logger)
{
    public Task DeliverAsync(long answerId, CancellationToken cancellationToken)
    {
        logger.LogWarning("Answer {AnswerId} is stored; its delivery is not built yet", answerId);
        return Task.CompletedTask;
    }
}
