using System.Text;

namespace RagSystem.Answering;

/// <summary>The mutable word the <see cref="PorterStemmer"/> works on, with the measure and
/// consonant-vowel tests of Porter's paper.</summary>
internal sealed class StemBuffer(string word)
{
    private readonly StringBuilder _text = new(word);

    public int Length => _text.Length;

    public char this[int index] => _text[index];

    public bool EndsWith(string suffix)
    {
        if (suffix.Length > _text.Length) return false;
        var start = _text.Length - suffix.Length;
        for (var i = 0; i < suffix.Length; i++)
        {
            if (_text[start + i] != suffix[i]) return false;
        }
        return true;
    }

    public void Truncate(int count) => _text.Length -= count;

    public void Append(char c) => _text.Append(c);

    public void ReplaceEnd(int count, string replacement)
    {
        _text.Length -= count;
        _text.Append(replacement);
    }

    /// <summary>True when position <paramref name="i"/> holds a consonant ('y' after a consonant is a vowel).</summary>
    public bool IsConsonant(int i) => _text[i] switch
    {
        'a' or 'e' or 'i' or 'o' or 'u' => false,
        'y' => i == 0 || !IsConsonant(i - 1),
        _ => true,
    };

    /// <summary>Porter's m: the number of vowel-consonant sequences in the first <paramref name="end"/> letters.</summary>
    public int Measure(int end)
    {
        var m = 0;
        var i = 0;
        while (i < end && IsConsonant(i)) i++;
        while (i < end)
        {
            while (i < end && !IsConsonant(i)) i++;
            if (i >= end) break;
            m++;
            while (i < end && IsConsonant(i)) i++;
        }
        return m;
    }

    public bool HasVowel(int end)
    {
        for (var i = 0; i < end; i++)
        {
            if (!IsConsonant(i)) return true;
        }
        return false;
    }

    public bool EndsWithDoubleConsonant() =>
        _text.Length >= 2 && _text[^1] == _text[^2] && IsConsonant(_text.Length - 1);

    /// <summary>True when the first <paramref name="end"/> letters end consonant-vowel-consonant, the last not w, x or y.</summary>
    public bool EndsWithCvc(int end) =>
        end >= 3 && IsConsonant(end - 1) && !IsConsonant(end - 2) && IsConsonant(end - 3)
        && _text[end - 1] is not ('w' or 'x' or 'y');

    public override string ToString() => _text.ToString();
}
