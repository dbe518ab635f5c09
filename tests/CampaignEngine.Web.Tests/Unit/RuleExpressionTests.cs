using CampaignEngine.Web.ModuleHost.Rules;

namespace CampaignEngine.Web.Tests.Unit;

/// <summary>What a nomination rule's condition means: comparisons, arithmetic, and/or/not, and missing values.</summary>
public sealed class RuleExpressionTests
{
    private static readonly RuleNames Names = new(
        new Dictionary<string, RuleValueKind> { ["amountUsd"] = RuleValueKind.Number, ["hours"] = RuleValueKind.Number, ["kind"] = RuleValueKind.Text },
        new Dictionary<string, RuleValueKind> { ["thresholdUsd"] = RuleValueKind.Number });

    [Theory]
    [InlineData("amountUsd >= settings.thresholdUsd", 500, true)]
    [InlineData("amountUsd >= settings.thresholdUsd", 499.99, false)]
    [InlineData("amountUsd > settings.thresholdUsd", 500, false)]
    [InlineData("amountUsd * 2 >= settings.thresholdUsd and kind = 'money'", 250, true)]
    [InlineData("amountUsd - 100 / 4 = 475", 500, true)]
    [InlineData("(amountUsd - 100) / 4 = 100", 500, true)]
    [InlineData("-amountUsd < 0", 500, true)]
    [InlineData("kind == \"money\" && !(amountUsd < 1000)", 1000, true)]
    [InlineData("not kind = 'money' or amountUsd = 500", 500, true)]
    [InlineData("kind != 'money' || amountUsd <= 10", 500, false)]
    [InlineData("amountUsd / 0 > 0", 500, false)]
    [InlineData("true and not false", 1, true)]
    public void A_condition_compares_the_events_fields_with_the_settings(string condition, double amount, bool holds)
    {
        Assert.Equal(holds, RuleExpression.Condition(condition, Names).Holds(Input((decimal)amount, hours: null)));
    }

    [Theory]
    [InlineData("hours > 0", false)]
    [InlineData("hours <= 0", false)]
    [InlineData("hours + 1 > 0", false)]
    [InlineData("hours = null", true)]
    [InlineData("hours != null", false)]
    [InlineData("amountUsd != null", true)]
    public void A_missing_value_makes_every_comparison_false_but_one_with_null(string condition, bool holds)
    {
        Assert.Equal(holds, RuleExpression.Condition(condition, Names).Holds(Input(500m, hours: null)));
    }

    [Theory]
    [InlineData("amountUsd >", 12, "the condition ends where a value was expected")]
    [InlineData("kind > 5", 6, "'>' cannot compare a text with a number")]
    [InlineData("amountUsd and true", 14, "'and' needs true or false, not a number")]
    [InlineData("settings.thresholdUsd.max > 1", 22, "unexpected '.'")]
    [InlineData("settings > 1", 1, "settings is read as settings.<key>")]
    [InlineData("kind = 'money", 8, "a text is not closed")]
    [InlineData("amountUsd >= 1.2.3", 14, "'1.2.3' is not a number")]
    [InlineData("amountUsd >= 1 ; drop", 16, "unexpected ';'")]
    public void A_condition_that_does_not_read_says_where(string condition, int column, string message)
    {
        var error = Assert.Throws<RuleSyntaxException>(() => RuleExpression.Condition(condition, Names));

        Assert.Equal((column, message), (error.Column, error.Message));
    }

    private static RuleInput Input(decimal amount, decimal? hours) => new(
        field => field switch { "amountUsd" => amount, "hours" => hours, "kind" => "money", _ => null },
        key => key == "thresholdUsd" ? 500m : null);
}
