namespace CampaignEngine.Web.Tests.Infrastructure;

public static class Eventually
{
    /// <summary>Polls until <paramref name="condition"/> holds, failing after <paramref name="seconds"/>.</summary>
    public static async Task True(Func<Task<bool>> condition, int seconds = 30)
    {
        if (!await Within(condition, seconds)) Assert.Fail($"Condition not met within {seconds} s.");
    }

    /// <summary>Polls until <paramref name="condition"/> holds; false after <paramref name="seconds"/>, so the caller can say what it saw.</summary>
    public static Task<bool> Within(Func<bool> condition, int seconds) => Within(() => Task.FromResult(condition()), seconds);

    private static async Task<bool> Within(Func<Task<bool>> condition, int seconds)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition()) return true;
            await Task.Delay(200);
        }
        return await condition();
    }
}
