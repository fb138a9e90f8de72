/**
 * Words that say nothing about a paper's subject: English function words and the boilerplate of
 * abstracts ("we propose a novel method"). Dropped before weighting, so they neither take places
 * in the vocabulary nor form bigrams ("of the").
 */
export const STOPWORDS: ReadonlySet<string> = new Set(
  `a about above across after again against all almost along also although always among an and another any are
  around as at be because been before being below between both but by can cannot could did do does doing done
  down during each either else enough etc even ever every few for from further had has have having he her here
  hers him his how however i if in into is it its itself just least less let like many may me might more most
  much must my neither no nor not now of off often on once one only or other others otherwise our ours out over
  own per perhaps rather same several shall she should since so some such than that the their theirs them then
  there therefore these they this those though through thus to too two under until up upon us very via was we
  well were what whatever when where whether which while who whom whose why will with within without would yet
  you your
  paper propose proposed proposes present presents presented introduce introduces introduced novel new approach
  approaches method methods result results show shows shown demonstrate demonstrates demonstrated achieve
  achieves achieved significant significantly existing state art based using use used uses work works task tasks
  first various different extensive experiment experiments furthermore moreover specifically able including
  respectively e g et al code available github com https http www`.split(/\s+/),
);
