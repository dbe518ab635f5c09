using System.Globalization;

namespace CampaignEngine.Web.ModuleHost.Rules;

/// <summary>What a value in a rule's condition is: the parser checks every operation against these before a rule runs.</summary>
internal enum RuleValueKind
{
    Number,
    Text,
    Boolean,
    Null,
}

/// <summary>A condition that does not read, with the column (from one) where it went wrong.</summary>
internal sealed class RuleSyntaxException(string message, int column) : Exception(message)
{
    public int Column { get; } = column;
}

/// <summary>The names a condition may use: the event's fields, and the module's settings as <c>settings.&lt;key&gt;</c>.</summary>
internal sealed record RuleNames(IReadOnlyDictionary<string, RuleValueKind> Fields, IReadOnlyDictionary<string, RuleValueKind> Settings);

/// <summary>The values one evaluation reads: the event's field by name, the module's current setting by key (numbers as decimal).</summary>
internal sealed record RuleInput(Func<string, object?> Field, Func<string, object?> Setting);

/// <summary>
/// A rule's condition (ADR 0010): a closed little language of numbers, quoted texts, true/false/null, the event's fields,
/// <c>settings.&lt;key&gt;</c>, comparisons (<c>= == != &lt; &lt;= &gt; &gt;=</c>), <c>+ - * /</c>, <c>and or not</c> and parentheses.
/// It is parsed and type-checked when the module loads, against the names the event and the manifest declare, so a
/// typo fails the module then, not a job later. It has no member access, calls or loops: evaluating it reads the
/// values it names and computes, nothing else. A comparison with a missing value (a pledge of hours has no amount) is
/// false, except with <c>null</c> itself.
/// </summary>
internal abstract class RuleExpression
{
    public abstract RuleValueKind Kind { get; }

    public abstract object? Evaluate(RuleInput input);

    /// <summary>Parses <paramref name="text"/> as a condition (a yes/no expression) over <paramref name="names"/>.</summary>
    public static RuleExpression Condition(string text, RuleNames names)
    {
        var parser = new Parser(text, names);
        var expression = parser.ParseAll();
        if (expression.Kind != RuleValueKind.Boolean)
            throw new RuleSyntaxException($"the condition must be true or false, and this is a {Describe(expression.Kind)}", 1);
        return expression;
    }

    /// <summary>Whether the condition holds for <paramref name="input"/>.</summary>
    public bool Holds(RuleInput input) => Evaluate(input) is true;

    private static string Describe(RuleValueKind kind) => kind.ToString().ToLowerInvariant();

    private sealed class Literal(object? value, RuleValueKind kind) : RuleExpression
    {
        public override RuleValueKind Kind => kind;

        public override object? Evaluate(RuleInput input) => value;
    }

    private sealed class Name(string name, bool setting, RuleValueKind kind) : RuleExpression
    {
        public override RuleValueKind Kind => kind;

        public override object? Evaluate(RuleInput input) => setting ? input.Setting(name) : input.Field(name);
    }

    private sealed class Not(RuleExpression operand) : RuleExpression
    {
        public override RuleValueKind Kind => RuleValueKind.Boolean;

        public override object? Evaluate(RuleInput input) => operand.Evaluate(input) is not true;
    }

    private sealed class Negate(RuleExpression operand) : RuleExpression
    {
        public override RuleValueKind Kind => RuleValueKind.Number;

        public override object? Evaluate(RuleInput input) => operand.Evaluate(input) is decimal value ? -value : null;
    }

    private sealed class Logical(string op, RuleExpression left, RuleExpression right) : RuleExpression
    {
        public override RuleValueKind Kind => RuleValueKind.Boolean;

        public override object? Evaluate(RuleInput input) => op == "and"
            ? left.Evaluate(input) is true && right.Evaluate(input) is true
            : left.Evaluate(input) is true || right.Evaluate(input) is true;
    }

    private sealed class Arithmetic(string op, RuleExpression left, RuleExpression right) : RuleExpression
    {
        public override RuleValueKind Kind => RuleValueKind.Number;

        // A missing operand, or a division by zero, gives a missing value, which no comparison but "= null" finds true.
        public override object? Evaluate(RuleInput input) =>
            (left.Evaluate(input), right.Evaluate(input)) is (decimal a, decimal b)
                ? op switch
                {
                    "+" => a + b,
                    "-" => a - b,
                    "*" => a * b,
                    _ => b == 0 ? null : a / b,
                }
                : null;
    }

    private sealed class Comparison(string op, RuleExpression left, RuleExpression right) : RuleExpression
    {
        public override RuleValueKind Kind => RuleValueKind.Boolean;

        public override object? Evaluate(RuleInput input)
        {
            var (a, b) = (left.Evaluate(input), right.Evaluate(input));
            if (a is null || b is null) return op switch { "==" => a is null && b is null, "!=" => (a is null) != (b is null), _ => false };
            var order = a is decimal x && b is decimal y ? x.CompareTo(y)
                : a is string s && b is string t ? string.CompareOrdinal(s, t)
                : Equals(a, b) ? 0 : 1;
            return op switch
            {
                "==" => order == 0,
                "!=" => order != 0,
                "<" => order < 0,
                "<=" => order <= 0,
                ">" => order > 0,
                _ => order >= 0,
            };
        }
    }

    /// <summary>Recursive descent over the text; each method parses one level of precedence, lowest first.</summary>
    private sealed class Parser(string text, RuleNames names)
    {
        private int _at;

        public RuleExpression ParseAll()
        {
            var expression = Or();
            Skip();
            if (_at < text.Length) throw Error($"unexpected '{text[_at]}'");
            return expression;
        }

        private RuleExpression Or()
        {
            var left = And();
            while (Word("or") || Symbol("||")) left = new Logical("or", Boolean(left, "or"), Boolean(And(), "or"));
            return left;
        }

        private RuleExpression And()
        {
            var left = Negation();
            while (Word("and") || Symbol("&&")) left = new Logical("and", Boolean(left, "and"), Boolean(Negation(), "and"));
            return left;
        }

        private RuleExpression Negation() =>
            Word("not") || (Peek("!") && !Peek("!=") && Symbol("!")) ? new Not(Boolean(Negation(), "not")) : Compare();

        private RuleExpression Compare()
        {
            var left = Sum();
            Skip();
            var start = _at;
            string[] ops = ["==", "!=", "<=", ">=", "<", ">", "="];
            if (ops.FirstOrDefault(Symbol) is not { } op) return left;
            var right = Sum();
            op = op == "=" ? "==" : op;
            var comparable = op is "==" or "!="
                ? left.Kind == right.Kind || left.Kind == RuleValueKind.Null || right.Kind == RuleValueKind.Null
                : left.Kind == right.Kind && left.Kind is RuleValueKind.Number or RuleValueKind.Text;
            if (!comparable) throw Error($"'{op}' cannot compare a {Describe(left.Kind)} with a {Describe(right.Kind)}", start);
            return new Comparison(op, left, right);
        }

        private RuleExpression Sum() => Operations(Product, "+", "-");

        private RuleExpression Product() => Operations(Unary, "*", "/");

        // One level of left-associative arithmetic: operands of the next level joined by this level's operators.
        private RuleExpression Operations(Func<RuleExpression> operand, params string[] ops)
        {
            var left = operand();
            while (true)
            {
                Skip();
                var start = _at;
                if (ops.FirstOrDefault(Symbol) is not { } op) return left;
                left = new Arithmetic(op, Number(left, op, start), Number(operand(), op, start));
            }
        }

        private RuleExpression Unary()
        {
            Skip();
            var start = _at;
            return Symbol("-") ? new Negate(Number(Unary(), "-", start)) : Primary();
        }

        private RuleExpression Primary()
        {
            Skip();
            if (_at >= text.Length) throw Error("the condition ends where a value was expected");
            var c = text[_at];
            if (Symbol("("))
            {
                var inner = Or();
                if (!Symbol(")")) throw Error("a ')' is missing");
                return inner;
            }
            if (char.IsAsciiDigit(c)) return NumberLiteral();
            if (c is '\'' or '"') return TextLiteral(c);
            if (char.IsAsciiLetter(c)) return NameOrKeyword();
            throw Error($"unexpected '{c}'");
        }

        private Literal NumberLiteral()
        {
            var start = _at;
            while (_at < text.Length && (char.IsAsciiDigit(text[_at]) || text[_at] == '.')) _at++;
            return decimal.TryParse(text.AsSpan(start, _at - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
                ? new Literal(value, RuleValueKind.Number)
                : throw Error($"'{text[start.._at]}' is not a number", start);
        }

        private Literal TextLiteral(char quote)
        {
            var start = _at++;
            var end = text.IndexOf(quote, _at);
            if (end < 0) throw Error("a text is not closed", start);
            _at = end + 1;
            return new Literal(text[(start + 1)..end], RuleValueKind.Text);
        }

        private RuleExpression NameOrKeyword()
        {
            var start = _at;
            var word = Identifier();
            switch (word)
            {
                case "true": return new Literal(true, RuleValueKind.Boolean);
                case "false": return new Literal(false, RuleValueKind.Boolean);
                case "null": return new Literal(null, RuleValueKind.Null);
                case "settings":
                    if (_at >= text.Length || text[_at] != '.') throw Error("settings is read as settings.<key>", start);
                    _at++;
                    var key = Identifier();
                    return names.Settings.TryGetValue(key, out var kind)
                        ? new Name(key, setting: true, kind)
                        : throw Error($"the module declares no number or text setting '{key}'" + Known(names.Settings.Keys), start);
            }
            return names.Fields.TryGetValue(word, out var field)
                ? new Name(word, setting: false, field)
                : throw Error($"the event has no field '{word}'" + Known(names.Fields.Keys), start);
        }

        private string Identifier()
        {
            var start = _at;
            while (_at < text.Length && (char.IsAsciiLetterOrDigit(text[_at]) || text[_at] == '_')) _at++;
            return _at > start ? text[start.._at] : throw Error("a name was expected");
        }

        private static string Known(IEnumerable<string> names) =>
            names.Any() ? $" (it has {string.Join(", ", names.Order(StringComparer.Ordinal))})" : "";

        private RuleExpression Boolean(RuleExpression operand, string op) =>
            operand.Kind == RuleValueKind.Boolean ? operand : throw Error($"'{op}' needs true or false, not a {Describe(operand.Kind)}");

        private RuleExpression Number(RuleExpression operand, string op, int at) =>
            operand.Kind == RuleValueKind.Number ? operand : throw Error($"'{op}' needs numbers, not a {Describe(operand.Kind)}", at);

        private bool Word(string word)
        {
            Skip();
            var end = _at + word.Length;
            if (end > text.Length || string.CompareOrdinal(text, _at, word, 0, word.Length) != 0) return false;
            if (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] == '_')) return false;
            _at = end;
            return true;
        }

        private bool Peek(string symbol)
        {
            Skip();
            return string.CompareOrdinal(text, _at, symbol, 0, symbol.Length) == 0;
        }

        private bool Symbol(string symbol)
        {
            if (!Peek(symbol)) return false;
            _at += symbol.Length;
            return true;
        }

        private void Skip()
        {
            while (_at < text.Length && char.IsWhiteSpace(text[_at])) _at++;
        }

        private RuleSyntaxException Error(string message, int? at = null) => new(message, (at ?? _at) + 1);
    }
}
