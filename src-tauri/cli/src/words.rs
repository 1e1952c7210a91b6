//! `newsroom words …`: the press office's spelling word list.

use clap::Subcommand;
use newsroom_core::Result;
use serde_json::json;

use crate::{open, output, output_lines, Cli};

#[derive(Subcommand)]
pub enum WordsCmd {
    /// List the word list, alphabetically (seeded names and added words).
    List,
    /// Add a word (one word; hyphens and apostrophes between letters) and rewrite the spell
    /// checker's word list file.
    Add { word: String },
}

pub fn run(cli: &Cli, cmd: &WordsCmd) -> Result<()> {
    let lib = open(cli)?;
    match cmd {
        WordsCmd::List => output_lines(cli, &lib.dictionary_words()?, |w| w.clone()),
        WordsCmd::Add { word } => {
            let added = lib.add_dictionary_word(word)?;
            let word = newsroom_core::spelling::normalize_word(word)?;
            output(cli, &json!({ "word": word, "added": added }), |_| {
                if added {
                    println!("added {word}");
                } else {
                    println!("{word} is already in the word list");
                }
            });
        }
    }
    Ok(())
}
