//! A trie over folded words, shared by the gazetteer's names and the catalogue's phrases.
//!
//! Why: both are looked up at every word of every report. Walking a trie follows the text's
//! own words one at a time, instead of comparing every entry that starts with the same word.

use rustc_hash::FxHashMap as HashMap;

/// A position in a [`WordTrie`]: the root, or the end of some words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct At(u32);

/// Word sequences, each path ending in a value `T` (what ends there).
#[derive(Clone, Debug)]
pub struct WordTrie<T> {
    /// Node 0 is the root.
    nodes: Vec<Node<T>>,
}

#[derive(Clone, Debug, Default)]
struct Node<T> {
    value: T,
    next: HashMap<String, u32>,
}

impl<T: Default> Default for WordTrie<T> {
    fn default() -> Self {
        WordTrie {
            nodes: vec![Node::default()],
        }
    }
}

impl<T: Default> WordTrie<T> {
    /// The node at the end of `words` (made if missing), to set what ends there.
    pub fn insert(&mut self, words: &[String]) -> &mut T {
        let mut node = 0usize;
        for w in words {
            node = match self.nodes[node].next.get(w) {
                Some(&n) => n as usize,
                None => {
                    let n = self.nodes.len();
                    self.nodes.push(Node::default());
                    self.nodes[node].next.insert(w.clone(), n as u32);
                    n
                }
            };
        }
        &mut self.nodes[node].value
    }
}

impl<T> WordTrie<T> {
    /// The start of every path.
    pub fn root(&self) -> At {
        At(0)
    }

    /// One word further along, if some path continues with it.
    #[inline]
    pub fn next(&self, at: At, word: &str) -> Option<At> {
        self.nodes
            .get(at.0 as usize)?
            .next
            .get(word)
            .map(|&n| At(n))
    }

    /// True when some path goes on from here.
    #[inline]
    pub fn continues(&self, at: At) -> bool {
        self.nodes
            .get(at.0 as usize)
            .is_some_and(|n| !n.next.is_empty())
    }

    /// What ends here.
    #[inline]
    pub fn value(&self, at: At) -> Option<&T> {
        self.nodes.get(at.0 as usize).map(|n| &n.value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_share_prefixes_and_keep_their_values() {
        let w = |s: &str| s.split(' ').map(str::to_owned).collect::<Vec<_>>();
        let mut t: WordTrie<Vec<u32>> = WordTrie::default();
        t.insert(&w("ninh kiều")).push(1);
        t.insert(&w("ninh kiều")).push(2);
        t.insert(&w("ninh hải")).push(3);
        let ninh = t.next(t.root(), "ninh").unwrap();
        assert!(t.continues(ninh));
        assert_eq!(t.value(ninh), Some(&Vec::new()));
        let kieu = t.next(ninh, "kiều").unwrap();
        assert_eq!(t.value(kieu), Some(&vec![1, 2]));
        assert!(!t.continues(kieu));
        assert_eq!(t.next(ninh, "hoà"), None);
    }
}
